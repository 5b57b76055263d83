import { createHash } from 'node:crypto';
import { redactKey } from '../redact';
import type { KeyKind } from './families';

/** How the key was written in the text. */
export type KeyEncoding = 'plain' | 'concatenated' | 'base64';

/**
 * One credential found in a text. It carries everything needed to report the key (kind, offsets,
 * redacted form, fingerprint) but never exposes the key in its enumerable fields: `JSON.stringify`,
 * `console.log` and string templates of a finding show no secret. Only `revealKey()` returns it, for the
 * one place that needs it (moving the key into SecretStorage).
 */
export class KeyFinding {
  readonly #key: string;
  /** `sk-ant-api03-…Ab12`. */
  readonly redacted: string;
  /** `sha256:<hex>` of the key: the same key gives the same fingerprint everywhere. */
  readonly fingerprint: string;

  constructor(
    key: string,
    readonly kind: KeyKind,
    /** UTF-16 offset of the first character of the finding in the scanned text. */
    readonly start: number,
    /** Offset just past the finding. For concatenated keys this spans all the pieces. */
    readonly end: number,
    readonly encoding: KeyEncoding,
    /** The line carries `claude-keyscan:allow` or `gitleaks:allow`: the author says this is fine. */
    readonly allowed: boolean,
    /** Already worked out for this key (a finding moved to another offset or thread): not hashed again. */
    known?: { fingerprint: string; redacted?: string },
  ) {
    this.#key = key;
    this.redacted = known?.redacted ?? redactKey(key);
    this.fingerprint = known?.fingerprint ?? fingerprintKey(key);
  }

  /** The key itself. Never log, print or send it anywhere but SecretStorage. */
  revealKey(): string {
    return this.#key;
  }

  /** For messages and logs: the redacted form only. */
  toString(): string {
    return `${this.kind} ${this.redacted}`;
  }

  toJSON(): Record<string, unknown> {
    const { kind, start, end, encoding, allowed, redacted, fingerprint } = this;
    return { kind, start, end, encoding, allowed, redacted, fingerprint };
  }
}

export function fingerprintKey(key: string): string {
  return `sha256:${createHash('sha256').update(key).digest('hex')}`;
}
