/**
 * The UI payload of the shop: flags (0/1) saying which panels and buttons the page enables, plus
 * `useful_variables` for the summary table. `state` is the activity replying, `action` what it did.
 */
import type { FlowContext } from "../../../src/flows/engine/types.js";

export type ShopVariant = "deployed" | "classic";

export function uiPayload(variant: ShopVariant, ctx: FlowContext, state: string, action = ""): Record<string, unknown> {
  const chooseCustomize =
    ["choose_item", "select_size", "select_color"].includes(state) || (state === "customize" && action !== "skip");
  const chooseInfo =
    (state === "customize" && action === "skip") ||
    (state === "change_info" && action !== "end") ||
    action === "change_info";
  const lastInfo = { last_address: ctx.address, last_payment: ctx.details };
  const summary = { item: ctx.item, size: ctx.size, color: ctx.color, address: ctx.address, payment: ctx.details };

  let vars: Record<string, unknown> = {};
  if (variant === "classic") {
    // First matching rule wins.
    if (chooseInfo) vars = lastInfo;
    else if (chooseCustomize) vars = { item: ctx.item };
    else if (action === "end") vars = summary;
  } else {
    // Independent rules, the last one that matches wins.
    if (chooseInfo) vars = lastInfo;
    if (chooseCustomize) vars = { item: ctx.item };
    if (state === "customize" && action === "size") vars = { item: ctx.item, size: ctx.size ?? "" };
    if (state === "customize" && action === "color") vars = { item: ctx.item, color: ctx.color ?? "" };
    if (action === "end") vars = summary;
  }
  const flag = (b: boolean) => (b ? 1 : 0);
  return {
    useful_variables: vars,
    show_items: flag(state === "start"),
    choose_customize: flag(chooseCustomize),
    show_size: flag(state === "customize" && action === "size"),
    show_color: flag(state === "customize" && action === "color"),
    custom_completed: flag(
      (state === "select_size" && action === "color") || (state === "select_color" && action === "size"),
    ),
    choose_info: flag(chooseInfo),
    show_address: flag(state === "change_info" && action === "address"),
    show_payment: flag(state === "change_info" && action === "payment"),
    ...(variant === "deployed"
      ? { info_completed: flag((state === "customize" && action === "skip") || action === "change_info") }
      : {}),
    complete: flag(action === "end"),
  };
}
