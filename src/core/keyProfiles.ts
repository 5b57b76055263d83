import type { Disposable } from './events';
import { Emitter } from './events';
import { profileNameProblem, sortProfileNames } from './profileNames';
import { redactKey } from './redact';
import { secretStorageFailure } from './secretStorageFailure';

/**
 * `ctx.keys`: named API key profiles ("dev", "staging", "prod") over a secret store (VS Code's
 * SecretStorage in the extension), the only place a key is ever kept. Each profile's key is one
 * secret; the active profile's name is another. Keeping the name there too (not in globalState) matters
 * in code-server, where secrets live in the browser and globalState on the server: both halves always
 * travel together.
 *
 * Precedence: only a stored key is used. `ANTHROPIC_API_KEY` is read only by an explicit import.
 */

/** The part of VS Code's `SecretStorage` we use. */
export interface SecretStore {
  /**
   * Lists secret names: VS Code 1.105+ only, so never needed. Read once to find profiles stored before
   * the name list existed (builds before 0.1.0's release listed profiles this way).
   */
  keys?(): PromiseLike<string[]>;
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  /** Changes made here or in another window (VS Code's `SecretStorage.onDidChange`). */
  onDidChange?(listener: (event: { key: string }) => unknown): Disposable;
}

export interface KeyProfilesLog {
  info(message: string): void;
}

const profileSecretPrefix = 'claudeApi.keyProfile/';
const activeProfileSecret = 'claudeApi.activeKeyProfile';
/**
 * The profile names as a JSON array. SecretStorage can list its names only from VS Code 1.105 on; keeping
 * our own list lets the extension run on older VS Code and the editors built on it.
 */
const profileNamesSecret = 'claudeApi.keyProfileNames';

/** What the UI may know about a profile: its name and a masked key, never the key. */
export interface ProfileSummary {
  name: string;
  /** E.g. `sk-ant-api03-…Ab12`. */
  maskedKey: string;
  active: boolean;
}

interface Snapshot {
  keys: Map<string, string>;
  active: string | undefined;
}

export class KeyProfiles implements Disposable {
  private snapshot: Promise<Snapshot> | undefined;
  /** Every stored key as last read, for masking: a gateway's key need not look like `sk-ant-…`. */
  private lastReadKeys: readonly string[] = [];
  /** Writes run one after another, so two commands can never interleave half-done changes. */
  private writes: Promise<unknown> = Promise.resolve();

  private readonly changed = new Emitter<void>();
  /** Fires after any profile or the active profile changed (here, or in another window). */
  readonly onDidChange = this.changed.event;
  private readonly subscription: Disposable | undefined;

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: KeyProfilesLog,
  ) {
    this.subscription = secrets.onDidChange?.(({ key }) => {
      if (KeyProfiles.owns(key)) this.invalidate();
    });
  }

  /** Whether a secret of this name belongs to the profiles (to react to changes from other windows). */
  static owns(secretName: string): boolean {
    return secretName === activeProfileSecret || secretName === profileNamesSecret || secretName.startsWith(profileSecretPrefix);
  }

  /** The key of the active profile, or undefined when none is set. The only way features get a key. */
  async getActiveKey(): Promise<string | undefined> {
    const { keys, active } = await this.load();
    return active === undefined ? undefined : keys.get(active);
  }

  /** The key of a named profile (for verifying a profile that is not active). */
  async getKey(name: string): Promise<string | undefined> {
    return (await this.load()).keys.get(name);
  }

  /**
   * The stored keys as last read (synchronously, for log and message masking). A gateway key of any shape
   * is masked by its value; key-shaped text is masked by `scrubKeys` anyway.
   */
  knownKeys(): readonly string[] {
    return this.lastReadKeys;
  }

  /** The active profile, masked, or undefined when no key is set. */
  async activeProfile(): Promise<{ name: string; maskedKey: string } | undefined> {
    const { keys, active } = await this.load();
    const key = active === undefined ? undefined : keys.get(active);
    return key === undefined || active === undefined ? undefined : { name: active, maskedKey: redactKey(key) };
  }

  async listProfiles(): Promise<ProfileSummary[]> {
    const { keys, active } = await this.load();
    return sortProfileNames(keys.keys()).map((name) => ({ name, maskedKey: redactKey(keys.get(name) ?? ''), active: name === active }));
  }

  async profileNames(): Promise<string[]> {
    return sortProfileNames((await this.load()).keys.keys());
  }

  /**
   * Adds a new profile. It becomes active when `activate` is set or when it is the first profile,
   * so a single key just works. Throws if the name is taken or invalid.
   */
  async addProfile(name: string, key: string, options: { activate?: boolean } = {}): Promise<void> {
    await this.exclusive(async () => {
      const { keys, active } = await this.load();
      name = name.trim();
      const problem = profileNameProblem(name, [...keys.keys()]);
      if (problem) throw new Error(problem);
      await this.storeVerified(profileSecret(name), requireKey(key));
      await this.storeNames([...keys.keys(), name]);
      if (options.activate || active === undefined || !keys.has(active)) await this.storeVerified(activeProfileSecret, name);
      this.log.info(`key profile "${name}" added${options.activate ? ' and activated' : ''}`);
    });
  }

  /** Replaces the key of an existing profile, or creates it (and activates it if nothing is active). */
  async setKey(name: string, key: string): Promise<void> {
    await this.exclusive(async () => {
      const { keys, active } = await this.load();
      name = name.trim();
      if (!keys.has(name)) {
        const problem = profileNameProblem(name, [...keys.keys()]);
        if (problem) throw new Error(problem);
      }
      await this.storeVerified(profileSecret(name), requireKey(key));
      if (!keys.has(name)) await this.storeNames([...keys.keys(), name]);
      if (active === undefined || !keys.has(active)) await this.storeVerified(activeProfileSecret, name);
      this.log.info(`key of profile "${name}" stored`);
    });
  }

  async switchTo(name: string): Promise<void> {
    await this.exclusive(async () => {
      const { keys } = await this.load();
      if (!keys.has(name)) throw new Error(`There is no key profile named "${name}".`);
      await this.storeVerified(activeProfileSecret, name);
      this.log.info(`switched to key profile "${name}"`);
    });
  }

  /** Renames a profile. The key is stored under the new name before the old one is removed. */
  async rename(from: string, to: string): Promise<void> {
    await this.exclusive(async () => {
      const { keys, active } = await this.load();
      to = to.trim();
      const key = keys.get(from);
      if (key === undefined) throw new Error(`There is no key profile named "${from}".`);
      if (to === from) return;
      const problem = profileNameProblem(to, [...keys.keys()], from);
      if (problem) throw new Error(problem);
      await this.storeVerified(profileSecret(to), key);
      await this.storeNames([...keys.keys()].map((name) => (name === from ? to : name)));
      if (active === from) await this.storeVerified(activeProfileSecret, to);
      await this.deleteSecret(profileSecret(from));
      this.log.info(`key profile "${from}" renamed to "${to}"`);
    });
  }

  /**
   * Deletes a profile and its key. Deleting the active profile leaves no profile active: silently
   * switching to another key (maybe production's) would spend money the user did not mean to.
   */
  async deleteProfile(name: string): Promise<void> {
    await this.exclusive(async () => {
      const { keys, active } = await this.load();
      if (!keys.has(name)) throw new Error(`There is no key profile named "${name}".`);
      // The key goes first: a failure after it leaves a listed name without a key (ignored when read),
      // never a key the user deleted still stored.
      await this.deleteSecret(profileSecret(name));
      await this.storeNames([...keys.keys()].filter((other) => other !== name));
      if (active === name) await this.deleteSecret(activeProfileSecret);
      this.log.info(`key profile "${name}" deleted`);
    });
  }

  /** Forgets what was read, so the next call reads the store again; then reports a change. */
  invalidate(): void {
    this.snapshot = undefined;
    this.changed.fire();
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }

  private load(): Promise<Snapshot> {
    this.snapshot ??= this.read().catch((error: unknown) => {
      // Do not cache a failure: the keyring may be unlocked a moment later.
      this.snapshot = undefined;
      throw error;
    });
    return this.snapshot;
  }

  private async read(): Promise<Snapshot> {
    try {
      const keys = new Map<string, string>();
      for (const name of await this.readNames()) {
        const value = await this.secrets.get(profileSecret(name));
        if (value) keys.set(name, value);
      }
      const active = await this.secrets.get(activeProfileSecret);
      // Keys stay known after a delete: a late error or log line may still carry the old one.
      this.lastReadKeys = [...new Set([...this.lastReadKeys, ...keys.values()])];
      return { keys, active: active && keys.has(active) ? active : undefined };
    } catch (error) {
      throw secretStorageFailure('read', error);
    }
  }

  /** The listed profile names; before the first list is written, what `keys()` finds where VS Code has it. */
  private async readNames(): Promise<string[]> {
    const listed = parseNames(await this.secrets.get(profileNamesSecret));
    if (listed) return listed;
    const all = this.secrets.keys ? await this.secrets.keys() : [];
    return all.filter((secretName) => secretName.startsWith(profileSecretPrefix)).map((secretName) => secretName.slice(profileSecretPrefix.length));
  }

  private storeNames(names: string[]): Promise<void> {
    return this.storeVerified(profileNamesSecret, JSON.stringify(sortProfileNames(new Set(names))));
  }

  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.writes.then(operation, operation).finally(() => this.invalidate());
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** Stores and reads back: a keyring that silently drops writes must not make us claim "saved". */
  private async storeVerified(secretName: string, value: string): Promise<void> {
    let readBack: string | undefined;
    try {
      await this.secrets.store(secretName, value);
      readBack = await this.secrets.get(secretName);
    } catch (error) {
      throw secretStorageFailure('save', error);
    }
    if (readBack !== value) throw secretStorageFailure('save', new Error('the value read back differs from the value stored'));
  }

  private async deleteSecret(secretName: string): Promise<void> {
    try {
      await this.secrets.delete(secretName);
    } catch (error) {
      throw secretStorageFailure('delete', error);
    }
  }
}

function parseNames(stored: string | undefined): string[] | undefined {
  if (stored === undefined) return undefined;
  try {
    const names: unknown = JSON.parse(stored);
    return Array.isArray(names) ? names.filter((name): name is string => typeof name === 'string') : undefined;
  } catch {
    return undefined;
  }
}

function profileSecret(name: string): string {
  return `${profileSecretPrefix}${name}`;
}

function requireKey(key: string): string {
  const trimmed = key.trim();
  if (!trimmed) throw new Error('The key is empty.');
  return trimmed;
}
