import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fallbackModels } from '../../src/core/chat/modelList';
import { CommandIds } from '../../src/commandIds';

interface Manifest {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  icon: string;
  galleryBanner: { color: string; theme: string };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    menus: { commandPalette: { command: string; when: string }[] };
    views: Record<string, { id: string; icon?: string }[]>;
    walkthroughs: { steps: { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[] }[];
    configuration: { properties: Record<string, { order?: number; markdownDescription?: string; description?: string; anyOf?: { enum?: string[] }[]; items?: { anyOf?: { enum?: string[] }[] } }> };
  };
}

const root = path.join(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const contributed = manifest.contributes.commands.map((command) => command.command);

describe('package.json manifest', () => {
  it('contributes exactly the commands the extension registers, all in category "Claude API"', () => {
    assert.deepStrictEqual([...contributed].sort(), Object.values(CommandIds).sort());
    for (const command of manifest.contributes.commands) assert.strictEqual(command.category, 'Claude API', command.command);
  });

  it('hides from the palette only commands it contributes', () => {
    for (const entry of manifest.contributes.menus.commandPalette) assert.ok(contributed.includes(entry.command), entry.command);
  });

  it('lists settings in a fixed order, each with a description', () => {
    const properties = Object.entries(manifest.contributes.configuration.properties);
    const orders = properties.map(([, property]) => property.order);
    for (const [key, property] of properties) {
      assert.ok(Number.isInteger(property.order), `${key} has no order`);
      assert.ok(property.markdownDescription ?? property.description, `${key} has no description`);
    }
    assert.strictEqual(new Set(orders).size, orders.length, 'orders are unique');
  });

  it('suggests the models of the chat\'s built-in list for the model settings', () => {
    const ids = fallbackModels.map((model) => model.id);
    const { properties } = manifest.contributes.configuration;
    assert.deepStrictEqual(properties['claudeApi.chat.defaultModel'].anyOf?.[0].enum, ids);
    assert.deepStrictEqual(properties['claudeApi.hover.compareModels'].items?.anyOf?.[0].enum, ids);
  });

  it('has a walkthrough whose steps exist on disk and run contributed commands or open our view', () => {
    const steps = manifest.contributes.walkthroughs[0].steps;
    assert.deepStrictEqual(steps.map((step) => step.id), ['setApiKey', 'chat', 'meter', 'lens', 'lint']);
    for (const step of steps) {
      assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(contributed.includes(command) || command === 'claudeApi.chatView.focus', `${step.id} runs ${command}`);
      }
      assert.ok(step.completionEvents.length > 0, step.id);
    }
    assert.ok(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').includes('!media/walkthrough/*.md'), 'the step pages ship in the VSIX');
  });

  it('gives the chat view an icon and the store page an icon and banner', () => {
    assert.ok(manifest.contributes.views.claudeApi.every((view) => view.icon && fs.existsSync(path.join(root, view.icon))));
    assert.ok(fs.existsSync(path.join(root, manifest.icon)));
    assert.match(manifest.galleryBanner.color, /^#[0-9A-Fa-f]{6}$/);
  });

  it('builds against the typings of the lowest VS Code it claims to run on', () => {
    const engine = /^\^(\d+\.\d+)\.\d+$/.exec(manifest.engines.vscode)?.[1];
    assert.ok(engine, manifest.engines.vscode);
    assert.strictEqual(manifest.devDependencies['@types/vscode'].split('.').slice(0, 2).join('.'), engine);
  });
});
