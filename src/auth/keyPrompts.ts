import * as vscode from 'vscode';
import { checkKeyFormat } from '../core/keyFormat';
import type { KeyFormatCheck } from '../core/keyFormat';
import { UserCancelledError } from '../core/keyErrors';
import { profileNameProblem } from '../core/profileNames';
import type { KeyProfiles } from '../core/keyProfiles';

/** The sentence every key prompt carries, so the precedence is never a surprise. */
export const precedenceNote =
  'Stored in VS Code\'s secret storage. The stored key always wins; ANTHROPIC_API_KEY is only used if you import it.';

/** Asks for a key in a password box. Problems show while typing; a warning does not block Enter. */
export async function promptForKey(profileName: string, replacing?: string): Promise<string> {
  const key = await vscode.window.showInputBox({
    title: replacing ? `New Claude API key for profile "${profileName}" (replaces ${replacing})` : `Claude API key for profile "${profileName}"`,
    prompt: `Paste a Claude API key (sk-ant-api03-…). ${precedenceNote}`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (!value.trim()) return undefined;
      const check = checkKeyFormat(value);
      if (check.verdict === 'invalid') return { message: check.problem ?? 'Not a key.', severity: vscode.InputBoxValidationSeverity.Error };
      if (check.verdict === 'warning') return { message: check.problem ?? '', severity: vscode.InputBoxValidationSeverity.Warning };
      return undefined;
    },
  });
  if (key === undefined || !key.trim()) throw new UserCancelledError();
  return key;
}

/**
 * Checks a key's format. Invalid: throws. Wrong-looking and typed by the user: asks (modal), since
 * gateways issue keys of their own and the user may insist. Wrong-looking and passed in by a caller
 * (an argument, the environment import): the caller has insisted already, so it is stored with a
 * non-blocking warning, unless `force` says the caller knows.
 */
export async function acceptKeyFormat(key: string, options: { typed: boolean; force?: boolean }): Promise<KeyFormatCheck> {
  const check = checkKeyFormat(key);
  if (check.verdict === 'invalid') throw new Error(check.problem ?? 'That is not a key.');
  if (check.verdict !== 'warning' || options.force) return check;
  if (!options.typed) {
    void vscode.window.showWarningMessage(`Claude API: the key being stored looks wrong. ${check.problem ?? ''}`);
    return check;
  }
  const insist = 'Save Anyway';
  const choice = await vscode.window.showWarningMessage(
    `This key looks wrong. ${check.problem ?? ''}`,
    { modal: true, detail: 'Save it anyway if your gateway or proxy issues its own keys.' },
    insist,
  );
  if (choice !== insist) throw new UserCancelledError();
  return check;
}

export async function promptForProfileName(keys: KeyProfiles, options: { title: string; value?: string; renaming?: string }): Promise<string> {
  const existing = await keys.profileNames();
  const name = await vscode.window.showInputBox({
    title: options.title,
    prompt: 'A short name, e.g. dev, staging or prod.',
    value: options.value,
    ignoreFocusOut: true,
    validateInput: (value) => profileNameProblem(value, existing, options.renaming),
  });
  if (name === undefined) throw new UserCancelledError();
  return name.trim();
}

/** Quick pick over the stored profiles (masked keys); throws when there are none. */
export async function pickProfile(keys: KeyProfiles, placeHolder: string): Promise<string> {
  const profiles = await keys.listProfiles();
  if (profiles.length === 0) throw new Error('No key profiles yet. Run "Claude API: Set API Key" first.');
  const picked = await vscode.window.showQuickPick(
    profiles.map((profile) => ({
      label: profile.name,
      description: profile.maskedKey,
      detail: profile.active ? 'active' : undefined,
      name: profile.name,
    })),
    { placeHolder, ignoreFocusOut: true },
  );
  if (!picked) throw new UserCancelledError();
  return picked.name;
}

/** A modal yes/no for destructive steps; throws `UserCancelledError` on no. */
export async function confirmModal(message: string, detail: string, button: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(message, { modal: true, detail }, button);
  if (choice !== button) throw new UserCancelledError();
}
