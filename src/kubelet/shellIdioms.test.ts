import { describe, expect, it } from 'vitest';
import { hookFromCommand, idiomLayer } from './shellIdioms.ts';
import { splitStatements, words } from './shellScript.ts';

describe('shellIdioms', () => {
  it.each([
    { argv: ['sleep', '3600'], run: { ms: 3_600_000, exitCode: 0 } },
    { argv: ['sleep', '1.5m'], run: { ms: 90_000, exitCode: 0 } },
    { argv: ['sh', '-c', 'exit 3'], run: { ms: 0, exitCode: 3 } },
    { argv: ['/bin/sh', '-c', 'sleep 10; exit 1'], run: { ms: 10_000, exitCode: 1 } },
    { argv: ['sh', '-c', 'sleep 2 && false'], run: { ms: 2000, exitCode: 1 } },
    { argv: ['bash', '-c', 'for i in 1 2 3; do echo $i; sleep 1; done'], run: { ms: 3000, exitCode: 0 } },
    { argv: ['sh', '-c', 'for i in $(seq 1 5); do sleep 2; done'], run: { ms: 10_000, exitCode: 0 } },
    { argv: ['sh', '-c', 'until wget -q http://svc; do sleep 1; done; echo up'], run: { ms: 0, exitCode: 0 } },
  ])('should read $argv as a process that ends', ({ argv, run }) => {
    expect(idiomLayer(argv, undefined)?.run).toEqual(run);
  });

  it.each([
    ['sleep', 'infinity'],
    ['tail', '-f', '/dev/null'],
    ['sh', '-c', 'while true; do echo hi; sleep 5; done'],
    ['sh', '-c', 'echo start; exec nginx -g "daemon off;"'],
    ['sh', '-c', 'while :; do sleep 1; done'],
  ])('should read %s … as a process that runs for ever', (...argv) => {
    const layer = idiomLayer(argv, undefined);
    expect(layer).toBeDefined();
    expect(layer?.run).toBeUndefined();
  });

  it('should log echo lines at their times and repeat the lines of an endless loop', () => {
    const layer = idiomLayer(['sh', '-c', 'echo "Main container started."; while true; do echo ---; wget -q -O - http://fortune; sleep 10; done'], undefined);
    expect(layer?.logs).toEqual({ lines: [{ atMs: 0, line: 'Main container started.' }, { atMs: 0, line: '---' }], repeat: { fromIndex: 1, everyMs: 10_000 } });
    expect(idiomLayer(['echo', 'hello', 'world'], undefined)).toEqual({ run: { ms: 0, exitCode: 0 }, term: undefined, logs: { lines: [{ atMs: 0, line: 'hello world' }] } });
  });

  it('should read args as the command line when there is no command (images without an entrypoint)', () => {
    expect(idiomLayer(undefined, ['sleep', '5'])?.run).toEqual({ ms: 5000, exitCode: 0 });
  });

  it('should leave programs it does not know to the other sources', () => {
    expect(idiomLayer(['nginx', '-g', 'daemon off;'], undefined)).toBeUndefined();
    expect(idiomLayer(undefined, undefined)).toBeUndefined();
    expect(idiomLayer(['sh', '-c', 'python app.py'], undefined)).toBeUndefined();
  });

  it('should let a shell handle SIGTERM only when it traps it', () => {
    expect(idiomLayer(['sleep', '60'], undefined)?.term).toBeUndefined();
    expect(idiomLayer(['sh', '-c', "trap 'exit 0' TERM; while true; do sleep 1; done"], undefined)?.term).toEqual({ ms: 0, exitCode: 0 });
  });

  it('should time hooks from their commands', () => {
    expect(hookFromCommand(['sh', '-c', "echo 'hook will fail with exit code 15'; sleep 5 ; exit 15"])).toEqual({ ms: 5000, exitCode: 15 });
    expect(hookFromCommand(['sleep', 'infinity']).ms).toBe(Number.POSITIVE_INFINITY);
    expect(hookFromCommand(['/usr/local/bin/notify'])).toEqual({ ms: 0, exitCode: 0 });
    expect(hookFromCommand(undefined)).toEqual({ ms: 0, exitCode: 0 });
  });

  it('should split statements and words the way a shell does', () => {
    expect(splitStatements("echo 'a;b' && sleep 1 || true; cat x | grep y & wait\nexit 0")).toEqual(["echo 'a;b'", 'sleep 1', 'true', 'cat x | grep y', 'wait', 'exit 0']);
    expect(words(`echo "hello world" 'x y' ""`)).toEqual(['echo', 'hello world', 'x y', '']);
  });
});
