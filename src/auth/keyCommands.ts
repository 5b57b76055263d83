import * as vscode from 'vscode';
import { showApiErrorInfo } from '../showApiError';
import { CommandIds } from '../commandIds';
import { honouredArgs } from '../core/callerAnswers';
import { UserCancelledError } from '../core/keyErrors';
import { defaultProfileName, setKeyTarget } from '../core/profileNames';
import { redactKey } from '../core/redact';
import type { Ctx } from '../ctx';
import { acceptKeyFormat, confirmModal, pickProfile, precedenceNote, promptForKey, promptForProfileName } from './keyPrompts';
import { verifyKey } from './verifyKey';
import type { VerifyResult } from './verifyKey';

/*
 * Every key command takes an optional argument object so tests and other features (the key lint's
 * "move into SecretStorage" quick fix) can run it without UI; what is missing is asked for.
 * `confirm: true` / `force: true` are the caller's explicit answer to a question the UI would ask; they
 * count only in the extension's own test runs (`honouredArgs`), another extension's call still asks.
 */

export interface SetApiKeyArgs {
  /** The key; asked for in a password box when missing. */
  key?: string;
  /** Profile to store it in; default: the active profile, else "default". */
  profile?: string;
  /** Store a wrong-looking key without a warning (a typed key is always checked; a passed one only warns). */
  force?: boolean;
  /** Replace an inactive profile's key without asking (see `setKeyTarget`). */
  confirm?: boolean;
}
export interface ProfileArgs {
  name?: string;
  /** Skip the "are you sure?" question (delete, clear, import). */
  confirm?: boolean;
}
export interface AddProfileArgs extends SetApiKeyArgs {
  name?: string;
  /** Make the new profile active (the first profile always is). */
  activate?: boolean;
}
export interface RenameProfileArgs {
  from?: string;
  to?: string;
}
export interface ImportFromEnvArgs {
  /** Profile to import into; default "environment" ("default" when no profile exists yet). */
  name?: string;
  activate?: boolean;
  confirm?: boolean;
}

/** What the set/add/switch/import commands resolve to: the profile, masked. Undefined when cancelled. */
export interface ProfileResult {
  profile: string;
  maskedKey: string;
}

export function registerKeyCommands(ctx: Ctx): void {
  const register = <A, R>(id: string, run: (args: A) => Promise<R>) =>
    ctx.registerCommand(id, async (args?: A) => {
      try {
        return await run(honouredArgs((args ?? {}) as A & object, ctx.callerTrusted));
      } catch (error) {
        if (error instanceof UserCancelledError) return undefined;
        throw error;
      }
    });

  register(CommandIds.setApiKey, (args: SetApiKeyArgs) => setApiKey(ctx, args));
  register(CommandIds.clearApiKey, (args: ProfileArgs) => clearApiKey(ctx, args));
  register(CommandIds.verifyApiKey, (args: { profile?: string }) => verifyApiKeyCommand(ctx, args));
  register(CommandIds.addKeyProfile, (args: AddProfileArgs) => addKeyProfile(ctx, args));
  register(CommandIds.switchKeyProfile, (args: ProfileArgs) => switchKeyProfile(ctx, args));
  register(CommandIds.renameKeyProfile, (args: RenameProfileArgs) => renameKeyProfile(ctx, args));
  register(CommandIds.deleteKeyProfile, (args: ProfileArgs) => deleteKeyProfile(ctx, args));
  register(CommandIds.importApiKeyFromEnv, (args: ImportFromEnvArgs) => importApiKeyFromEnv(ctx, args));
}

async function setApiKey(ctx: Ctx, args: SetApiKeyArgs): Promise<ProfileResult> {
  const profiles = await ctx.keys.listProfiles();
  const target = setKeyTarget(args.profile, profiles.find((p) => p.active)?.name, profiles.map((p) => p.name));
  const profile = target.profile;
  const replaced = profiles.find((p) => p.name === profile)?.maskedKey;
  if (target.replacesUnseen && !args.confirm) {
    await confirmModal(
      `Replace the API key of profile "${profile}" (${replaced ?? 'no key'})?`,
      'No key profile is active, so the new key would go into this one and its current key would be gone from VS Code. To keep it, cancel and use "Add Key Profile".',
      'Replace Key',
    );
  }
  const check = await acceptKeyFormat(args.key ?? (await promptForKey(profile, replaced)), { typed: args.key === undefined, force: args.force });
  await ctx.keys.setKey(profile, check.key);
  const result = { profile, maskedKey: redactKey(check.key) };
  offerVerify(`Saved the key for profile "${profile}" (${result.maskedKey}). ${precedenceNote}`, profile);
  return result;
}

async function clearApiKey(ctx: Ctx, args: ProfileArgs): Promise<boolean> {
  const profile = args.name ?? (await ctx.keys.activeProfile())?.name;
  if (!profile) {
    void vscode.window.showInformationMessage('Claude API: no API key is set, nothing to clear.');
    return false;
  }
  return deleteProfileAfterAsking(ctx, profile, args.confirm, 'Clear Key');
}

async function deleteKeyProfile(ctx: Ctx, args: ProfileArgs): Promise<boolean> {
  const profile = args.name ?? (await pickProfile(ctx.keys, 'Key profile to delete'));
  return deleteProfileAfterAsking(ctx, profile, args.confirm, 'Delete Profile');
}

async function deleteProfileAfterAsking(ctx: Ctx, profile: string, confirmed: boolean | undefined, button: string): Promise<boolean> {
  const summary = (await ctx.keys.listProfiles()).find((p) => p.name === profile);
  if (!summary) throw new Error(`There is no key profile named "${profile}".`);
  if (!confirmed) {
    await confirmModal(
      `Delete the API key of profile "${profile}" (${summary.maskedKey}) from VS Code's secret storage?`,
      'This cannot be undone here; keep a copy in your password manager if you need the key again.' +
        (summary.active ? ' No other profile becomes active on its own.' : ''),
      button,
    );
  }
  await ctx.keys.deleteProfile(profile);
  void vscode.window.showInformationMessage(`Claude API: deleted the key of profile "${profile}".`);
  return true;
}

async function verifyApiKeyCommand(ctx: Ctx, args: { profile?: string }): Promise<VerifyResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Claude API: verifying the key…' },
    () => verifyKey(ctx, args.profile),
  );
  if (result.ok) {
    void vscode.window.showInformationMessage(
      `Claude API: the key works. Profile "${result.profile}" (${result.maskedKey}) reached ${result.server}; ${result.modelCount} models available.`,
    );
  } else {
    showApiErrorInfo(ctx, result.error, { what: 'verify failed' });
  }
  return result;
}

async function addKeyProfile(ctx: Ctx, args: AddProfileArgs): Promise<ProfileResult> {
  const name = args.name?.trim() || (await promptForProfileName(ctx.keys, { title: 'New key profile' }));
  const check = await acceptKeyFormat(args.key ?? (await promptForKey(name)), { typed: args.key === undefined, force: args.force });
  await ctx.keys.addProfile(name, check.key, { activate: args.activate });
  const active = (await ctx.keys.activeProfile())?.name === name;
  const result = { profile: name, maskedKey: redactKey(check.key) };
  if (active || args.activate !== undefined) {
    offerVerify(`Added key profile "${name}" (${result.maskedKey})${active ? ' and made it active' : ''}.`, name);
  } else {
    const switchNow = 'Switch to It';
    void Promise.resolve(
      vscode.window.showInformationMessage(`Claude API: added key profile "${name}" (${result.maskedKey}).`, switchNow),
    ).then(async (choice) => {
      if (choice === switchNow) await ctx.keys.switchTo(name);
    });
  }
  return result;
}

async function switchKeyProfile(ctx: Ctx, args: ProfileArgs): Promise<ProfileResult> {
  const name = args.name ?? (await pickProfile(ctx.keys, 'Switch to key profile'));
  await ctx.keys.switchTo(name);
  const active = await ctx.keys.activeProfile();
  const result = { profile: name, maskedKey: active?.maskedKey ?? '' };
  void vscode.window.showInformationMessage(`Claude API: now using key profile "${name}" (${result.maskedKey}).`);
  return result;
}

async function renameKeyProfile(ctx: Ctx, args: RenameProfileArgs): Promise<{ from: string; to: string }> {
  const from = args.from ?? (await pickProfile(ctx.keys, 'Key profile to rename'));
  const to = args.to ?? (await promptForProfileName(ctx.keys, { title: `Rename key profile "${from}"`, value: from, renaming: from }));
  await ctx.keys.rename(from, to);
  return { from, to: to.trim() };
}

async function importApiKeyFromEnv(ctx: Ctx, args: ImportFromEnvArgs): Promise<ProfileResult | undefined> {
  const fromEnv = process.env.ANTHROPIC_API_KEY?.trim();
  if (!fromEnv) {
    void vscode.window.showInformationMessage(
      'Claude API: ANTHROPIC_API_KEY is not set in the environment VS Code was started from, so there is nothing to import.',
    );
    return undefined;
  }
  const existing = await ctx.keys.listProfiles();
  for (const profile of existing) {
    if ((await ctx.keys.getKey(profile.name)) === fromEnv) {
      void vscode.window.showInformationMessage(`Claude API: ANTHROPIC_API_KEY is already stored as profile "${profile.name}".`);
      return { profile: profile.name, maskedKey: profile.maskedKey };
    }
  }
  const name = args.name?.trim() || (existing.length === 0 ? defaultProfileName : 'environment');
  const masked = redactKey(fromEnv);
  if (!args.confirm) {
    await confirmModal(
      `Import ANTHROPIC_API_KEY (${masked}) into VS Code's secret storage as key profile "${name}"?`,
      'The extension only ever uses stored keys; the environment variable is read just this once. Later changes to it are not picked up.',
      'Import',
    );
  }
  const check = await acceptKeyFormat(fromEnv, { typed: false });
  await ctx.keys.addProfile(name, check.key, { activate: args.activate });
  offerVerify(`Imported ANTHROPIC_API_KEY as key profile "${name}" (${masked}).`, name);
  return { profile: name, maskedKey: masked };
}

/** An info message with a Verify button; fire-and-forget so commands resolve without waiting for a click. */
function offerVerify(message: string, profile: string): void {
  const verify = 'Verify';
  void Promise.resolve(vscode.window.showInformationMessage(`Claude API: ${message}`, verify)).then(async (choice) => {
    if (choice === verify) await vscode.commands.executeCommand(CommandIds.verifyApiKey, { profile });
  });
}
