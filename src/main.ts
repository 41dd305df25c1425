// Entry point: `node --import tsx src/main.ts <command>` (npm start runs `serve`).
import { runCli } from './cli/program.ts';

const code = await runCli(process.argv.slice(2));
// serve keeps running until a signal; every other command ends here
if (code !== 0 || process.argv[2] !== 'serve') process.exit(code);
