import * as vscode from 'vscode';
import { KeyProfiles } from '../core/keyProfiles';

/**
 * `ctx.keys`: the key profiles (src/core/keyProfiles.ts) over VS Code's SecretStorage, with a change
 * event that also covers changes made in other windows.
 */
export class KeyStore extends KeyProfiles implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;

  /** Fires after any profile or the active profile changed (here, or in another window). */
  readonly onDidChange = this.changed.event;

  constructor(secrets: vscode.SecretStorage, log: vscode.LogOutputChannel) {
    super(secrets, log);
    this.subscription = secrets.onDidChange(({ key }) => {
      if (KeyProfiles.owns(key)) this.invalidate();
    });
  }

  protected override didChange(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
