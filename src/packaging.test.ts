import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

// Builds the package into a scratch folder, packs it, installs the tarball into an empty project
// and imports it from plain Node ESM — what a user of the published package does.
describe('the published package', () => {
  it('should install from its tarball and import from plain Node ESM', () => {
    const work = mkdtempSync(join(tmpdir(), 'kubeactors-pack-'));
    try {
      const pkg = join(work, 'pkg');
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(pkg, 'dist')], { cwd: root, stdio: 'pipe' });
      for (const f of ['package.json', 'README.md', 'bin']) cpSync(join(root, f), join(pkg, f), { recursive: true });
      execFileSync('npm', ['pack', '--ignore-scripts', '--silent'], { cwd: pkg, stdio: 'pipe' });
      const tarball = readdirSync(pkg).find((f) => f.endsWith('.tgz'));
      expect(tarball).toBeDefined();
      const app = join(work, 'app');
      execFileSync('mkdir', ['-p', app]);
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
      execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--silent', join(pkg, tarball as string)], { cwd: app, stdio: 'pipe' });
      const script = [
        "import { createCluster, defineController, VirtualClock } from 'kubeactors';",
        "import { checkController } from 'kubeactors/harness';",
        "const c = createCluster({ seed: 5 });",
        "const r = await c.apply('apiVersion: v1\\nkind: ConfigMap\\nmetadata: {name: packaged}\\n');",
        "await c.settle();",
        "console.log(JSON.stringify({ action: r[0].action, clock: typeof VirtualClock, define: typeof defineController, harness: typeof checkController }));",
        'await c.stop();',
      ].join('\n');
      writeFileSync(join(app, 'main.mjs'), script);
      const out = execFileSync(process.execPath, ['main.mjs'], { cwd: app, encoding: 'utf8' });
      expect(JSON.parse(out.trim())).toEqual({ action: 'created', clock: 'function', define: 'function', harness: 'function' });
      const help = execFileSync(join(app, 'node_modules/.bin/kubeactors'), ['--help'], { cwd: app, encoding: 'utf8' });
      expect(help).toContain('Usage: kubeactors');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 240_000);
});
