import * as vscode from 'vscode';
import { checkKeyFormat } from '../core/keyFormat';
import { redactKey } from '../core/redact';
import type { Ctx } from '../ctx';

/**
 * The optional Admin API key (`sk-ant-admin01-…`) that reads the organisation's usage and cost reports.
 * Its own kind of key with its own secret, beside the API key profiles: it cannot call the Messages API,
 * and an API key cannot read the reports. Kept only in SecretStorage, like every key.
 */
const adminKeySecret = 'claudeApi.adminKey';

export class AdminKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    return (await this.secrets.get(adminKeySecret)) || undefined;
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(adminKeySecret, key);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(adminKeySecret);
  }
}

/** `Store Admin Key (Usage Report)`: asks in a password box (or takes `key` from a caller, e.g. a test); returns whether one was stored. */
export async function setAdminKey(ctx: Ctx, store: AdminKeyStore, key?: string): Promise<boolean> {
  const entered =
    key ??
    (await vscode.window.showInputBox({
      title: "Admin API key (reads your organisation's usage and cost report)",
      prompt: 'Paste an Admin API key (sk-ant-admin01-…). It is kept in SecretStorage and used only to compare usage with Anthropic’s report.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => {
        if (!value.trim()) return undefined;
        const check = checkKeyFormat(value);
        if (check.verdict === 'invalid') return { message: check.problem ?? 'Not a key.', severity: vscode.InputBoxValidationSeverity.Error };
        if (check.kind !== 'adminKey') return { message: 'Admin API keys start with sk-ant-admin01-; this one may not read the usage report.', severity: vscode.InputBoxValidationSeverity.Warning };
        return undefined;
      },
    }));
  if (!entered?.trim()) return false;
  const check = checkKeyFormat(entered);
  if (check.verdict === 'invalid') throw new Error(check.problem ?? 'That is not a key.');
  await store.set(check.key);
  ctx.log.info(`admin API key stored (${redactKey(check.key)})`);
  return true;
}
