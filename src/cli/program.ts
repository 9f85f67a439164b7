/**
 * @module cli/program
 * The `confab` command line: Rasa's verbs (`init`, `train`, `run`, `run actions`, `shell`, `data validate`,
 * `test`, plus `nlg-server`) with
 * Rasa's flags where they apply.
 */
import { Command } from "commander";
import { CONFAB_VERSION, RASA_VERSION } from "../version.js";
import { registerDataCommand } from "./data.js";
import { registerInitCommand } from "./init.js";
import { registerNlgServerCommand } from "./nlg-server.js";
import { registerRunCommand } from "./run.js";
import { registerRunActionsSubcommand } from "./run-actions.js";
import { registerShellCommand } from "./shell.js";
import { registerTestCommand } from "./test.js";
import { registerTrainCommand } from "./train.js";

export function buildProgram(print: (line: string) => void = (l) => console.log(l)): Command {
  const program = new Command();
  program
    .name("confab")
    .description(`A Rasa ${RASA_VERSION}-compatible conversational AI server in one Node.js process`)
    .version(CONFAB_VERSION, "-v, --version");
  registerInitCommand(program, print);
  registerTrainCommand(program, print);
  registerRunActionsSubcommand(registerRunCommand(program, print), print);
  registerShellCommand(program, print);
  registerDataCommand(program, print);
  registerTestCommand(program, print);
  registerNlgServerCommand(program, print);
  return program;
}
