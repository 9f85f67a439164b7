/** The shop's callbacks (see shop.ts); `confab run` loads the default export. */
import { createShopCallbacks } from "./shop.js";

export default createShopCallbacks("deployed");
