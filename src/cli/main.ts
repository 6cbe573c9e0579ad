import { Command, CommanderError } from 'commander';
import { runCommand } from './runCommand.ts';
import { chartsCommand } from './chartsCommand.ts';
import { inspectCommand } from './inspectCommand.ts';
import { serveCommand } from './serveCommand.ts';

/**
 * The `kubeactors` command. Returns the exit code.
 * @public
 */
export async function main(argv: readonly string[], io = { out: (s: string) => void process.stdout.write(s), err: (s: string) => void process.stderr.write(s), isTTY: process.stderr.isTTY === true }): Promise<number> {
  let code = 0;
  const program = new Command('kubeactors')
    .description('A Kubernetes control plane in one process: statecharts, one deterministic clock, property tests.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  program
    .command('run')
    .description('apply manifests to an embedded cluster on virtual time and print what happened')
    .argument('[paths...]', 'manifest files or folders (YAML or JSON, several documents per file)')
    .option('--for <duration>', 'cluster time to run after applying (Go duration, e.g. 10m); default: until settled')
    .option('--quiet <duration>', 'settled once nothing changed for this long (default 30s)')
    .option('--seed <n>', 'seed of the cluster RNG (same manifests + seed = same output)', '1')
    .option('--nodes <n>', 'simulated nodes (kubelets) to run', '3')
    .option('--decisions', "print the scheduler's decision record for every pod (filter and score per node and plugin)")
    .option('-o, --output <format>', 'table (report), json or yaml (every object as a v1 List)', 'table')
    .action(async (paths: string[], opts: { for?: string; seed?: string; output?: string; quiet?: string; nodes?: string; decisions?: boolean }) => {
      code = await runCommand(paths, opts, io);
    });
  program
    .command('charts')
    .description('export the statecharts (all, or one by name) as Mermaid, Graphviz DOT, XState JSON or SCXML')
    .argument('[name]', 'machine name (pod, reconciler …) or machine id')
    .option('--format <format>', 'mermaid, dot, json, scxml, or markdown (the docs page)', 'mermaid')
    .option('--out <dir>', 'write <name>.<ext> files into this folder instead of standard output')
    .action((name: string | undefined, opts: { format?: string; out?: string }) => {
      code = chartsCommand(name, opts, io);
    });
  program
    .command('inspect')
    .description('run manifests on a cluster and serve the statechart inspector page (actor tree, live charts, timeline)')
    .argument('[paths...]', 'manifest files or folders to apply')
    .option('--port <n>', 'port on 127.0.0.1 (0 = any free port)', '8089')
    .option('--seed <n>', 'seed of the cluster RNG', '1')
    .option('--speed <x>', 'cluster time per wall-clock time', '1')
    .action(async (paths: string[], opts: { port?: string; seed?: string; speed?: string }) => {
      code = await inspectCommand(paths, opts, io);
    });
  program
    .command('serve')
    .description('serve an embedded cluster over the Kubernetes REST API on a real-time clock, for kubectl and client libraries')
    .argument('[manifests...]', 'manifest files or folders to apply at start')
    .option('--port <n>', 'port to listen on (0 = any free port)', '6443')
    .option('--address <ip>', 'address to listen on', '127.0.0.1')
    .option('--nodes <n>', 'simulated nodes (kubelets) to run', '3')
    .option('--decisions', "print the scheduler's decision record for every pod (filter and score per node and plugin)")
    .option('--seed <n>', 'seed of the cluster RNG', '1')
    .option('--speed <x>', 'cluster time per wall-clock time', '1')
    .option('--kubeconfig <path>', 'where to write the kubeconfig', 'kubeactors.kubeconfig')
    .option('--no-tls', 'serve plain HTTP (kubectl then sends no credentials: use with --allow-anonymous)')
    .option('--allow-anonymous', 'serve requests without credentials as system:anonymous')
    .action(async (paths: string[], opts: { port?: string; address?: string; nodes?: string; seed?: string; speed?: string; kubeconfig?: string; tls?: boolean; allowAnonymous?: boolean }) => {
      code = await serveCommand(paths, opts, io);
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    throw e;
  }
  return code;
}

const invokedDirectly = process.argv[1] !== undefined && /[\\/]cli[\\/]main\.(ts|js)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (c) => {
      process.exitCode = c;
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
