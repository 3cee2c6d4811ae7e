// package.json `contributes` stays complete: every registered command is declared with a title and the
// "Recap" category, every setting has a description and a default, every rule can be configured.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../src/core/lint/rules';

const ROOT = path.resolve(__dirname, '..', '..');
interface Manifest {
  activationEvents: string[];
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] }; virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description: string } };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, { default?: unknown; description?: string; markdownDescription?: string; scope?: string; properties?: Record<string, unknown> }> };
  };
}
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
/** The manifest's English texts: package.json names them by `%key%` (test/unit/l10n.test.ts checks the other languages). */
const nls = JSON.parse(readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const english = (value: string | undefined): string | undefined => value?.replace(/^%([^%]+)%$/, (whole, key: string) => nls[key] ?? whole);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => entry.isDirectory() ? sources(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []);
}

describe('package.json contributes', () => {
  const registered = new Set(sources(path.join(ROOT, 'src')).flatMap(file => [...readFileSync(file, 'utf8').matchAll(/(?:registerCommand\(\s*'([^']+)'|^\s*'(recap\.\w+)':\s*\()/gm)].map(m => m[1] ?? m[2])));

  it('declares every registered command with a title and the Recap category', () => {
    assert.ok(registered.size >= 3);
    const declared = new Map(manifest.contributes.commands.map(c => [c.command, c]));
    for (const id of registered) {
      const command = declared.get(id);
      assert.ok(command, `${id} is registered but not in contributes.commands`);
      assert.ok((english(command.title)?.length ?? 0) > 3, `${id} has a title`);
      assert.equal(english(command.category), 'Recap', `${id} has the Recap category`);
    }
    for (const id of declared.keys()) assert.ok(registered.has(id), `${id} is declared but never registered`);
  });

  it('gives every setting a description and a default', () => {
    for (const [key, setting] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.ok(english(setting.description) || english(setting.markdownDescription), `${key} has a description`);
      assert.ok('default' in setting, `${key} has a default`);
      // Read per post (getConfiguration('recap', uri)): a folder of a multi-root workspace can set its own.
      assert.ok(['resource', 'window', 'machine', 'application'].includes(String(setting.scope)), `${key} declares its scope`);
    }
  });

  it('lists every rule under recap.rules, in the registry’s order, with its default level and description (node --import tsx scripts/sync-manifest.mjs)', () => {
    const rules = manifest.contributes.configuration.properties['recap.rules'].properties ?? {};
    assert.deepEqual(Object.entries(rules).map(([id, rule]) => [id, (rule as { default?: unknown }).default, (rule as { description?: string }).description, english((rule as { description?: string }).description)]),
      ALL_RULES.map(rule => [rule.id, rule.defaultLevel, `%recap.rules.${rule.id}.description%`, rule.description]));
  });

  it('restricts, in untrusted folders, the settings that make the extension fetch or load, as the extension itself reads them', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.ok((english(untrusted.description)?.length ?? 0) > 20);
    const restricted = untrusted.restrictedConfigurations ?? [];
    for (const key of restricted) assert.ok(key in manifest.contributes.configuration.properties, `${key} is a contributed setting`);
    // src/features/workspaceTrust.ts reads these (it imports vscode, so its list is read as text here).
    const source = readFileSync(path.join(ROOT, 'src', 'features', 'workspaceTrust.ts'), 'utf8');
    const listed = /RESTRICTED_SETTINGS = \[([^\]]*)\]/.exec(source)?.[1].match(/'[^']+'/g)?.map(quoted => quoted.slice(1, -1));
    assert.deepEqual([...restricted].sort(), [...(listed ?? [])].sort());
    assert.ok(restricted.includes('recap.schedules') && restricted.includes('recap.preview.styles'));
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(virtual === true || (typeof virtual === 'object' && (english(virtual.description)?.length ?? 0) > 20), 'virtual workspaces are declared');
  });

  it('activates lazily', () => {
    assert.ok(!manifest.activationEvents.includes('*'));
    assert.ok(manifest.activationEvents.includes('onLanguage:markdown'));
  });
});
