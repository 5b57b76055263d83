import * as vscode from 'vscode';
import type { ProfileBudgets } from './core/usage/budget';
import { parseProfileBudgets } from './core/usage/budget';

/** `claudeApi.statusBar.show`: `auto` shows the usage item once a key is set or a request was made. */
export const statusBarShowValues = ['auto', 'always', 'never'] as const;
export type StatusBarShow = (typeof statusBarShowValues)[number];

/** `claudeApi.statusBar.mode`: what the usage status bar item shows. */
export const statusBarModes = ['session', 'today', 'month', 'lastRequest'] as const;
export type StatusBarMode = (typeof statusBarModes)[number];

/** The section all our settings live under: `claudeApi.*`. */
export const configSection = 'claudeApi';

/**
 * Typed, live view of the extension's settings (mirrors `contributes.configuration` in package.json).
 * Getters read the current value every time, so nothing needs to be cached or refreshed.
 */
export class Config {
  private get section(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(configSection);
  }

  /** Base URL of the Messages API; empty means the SDK's default (`https://api.anthropic.com`). */
  get baseUrl(): string {
    return this.section.get<string>('baseUrl', '').trim();
  }

  /** `claudeApi.chat.defaultModel`: model of a first chat (later chats keep the previous chat's choice). */
  get chatDefaultModel(): string {
    const value = this.section.get<unknown>('chat.defaultModel');
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : 'claude-sonnet-5-5';
  }

  /** `claudeApi.chat.maxTokens`: `max_tokens` of a first chat's requests. */
  get chatMaxTokens(): number {
    const value = this.section.get<unknown>('chat.maxTokens');
    return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.round(value) : 4096;
  }

  /** `claudeApi.prices.overrides`: the user's own prices, raw (validated by `parsePriceOverrides`). */
  get priceOverrides(): unknown {
    return this.section.get<unknown>('prices.overrides', {});
  }

  /** `claudeApi.budget.daily`: daily budget in US dollars; 0 means none. */
  get dailyBudgetUsd(): number {
    return nonNegative(this.section.get<number>('budget.daily', 0));
  }

  /** `claudeApi.budget.monthly`: monthly budget in US dollars; 0 means none. */
  get monthlyBudgetUsd(): number {
    return nonNegative(this.section.get<number>('budget.monthly', 0));
  }

  /** `claudeApi.budget.profiles`: budgets per key profile (parsed by `parseProfileBudgets`). */
  get profileBudgets(): ProfileBudgets {
    return parseProfileBudgets(this.section.get<unknown>('budget.profiles', {}));
  }

  /** `claudeApi.hover.compareModels`: the models the prompt hover prices side by side. */
  get compareModels(): string[] {
    const value = this.section.get<unknown>('hover.compareModels');
    const models = Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string' && id.trim() !== '').map((id) => id.trim()) : [];
    return models.length > 0 ? models : ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'];
  }

  /** `claudeApi.codeLens.exactCounts`: exact input tokens from `messages.countTokens` (needs a key). */
  get exactCounts(): boolean {
    return this.section.get<boolean>('codeLens.exactCounts', false) === true;
  }

  /** Seconds the API client waits for a response before giving up (each attempt; the SDK retries timeouts). */
  get requestTimeoutSeconds(): number {
    const seconds = this.section.get<number>('requestTimeoutSeconds', 600);
    return Number.isFinite(seconds) && seconds > 0 ? seconds : 600;
  }

  /** How often the API client retries 408/409/429/5xx answers and connection errors. */
  get maxRetries(): number {
    const retries = this.section.get<number>('maxRetries', 2);
    return Number.isInteger(retries) && retries >= 0 ? Math.min(retries, 10) : 2;
  }

  /** `claudeApi.keyScan.enabled`: flag hardcoded Anthropic keys in open documents as you type. */
  get keyScanEnabled(): boolean {
    return this.section.get<boolean>('keyScan.enabled', true) !== false;
  }

  /** `claudeApi.keyScan.maxFileSizeMB`: the workspace scan skips larger files (megabytes). */
  get keyScanMaxFileSizeMB(): number {
    const megabytes = this.section.get<number>('keyScan.maxFileSizeMB', 10);
    return typeof megabytes === 'number' && Number.isFinite(megabytes) && megabytes > 0 ? megabytes : 10;
  }

  /** `claudeApi.statusBar.show`: when the usage item is shown (`auto`: once a key is set or a request made). */
  get statusBarShow(): StatusBarShow {
    return oneOf(this.section.get<unknown>('statusBar.show'), statusBarShowValues, 'auto');
  }

  /** `claudeApi.statusBar.mode`: what the usage item shows. */
  get statusBarMode(): StatusBarMode {
    return oneOf(this.section.get<unknown>('statusBar.mode'), statusBarModes, 'session');
  }

  /** `claudeApi.statusBar.showKey`: a second item with the active key profile, masked. */
  get statusBarShowKey(): boolean {
    return this.section.get<boolean>('statusBar.showKey', false) === true;
  }

  /** `claudeApi.history.retentionDays`: conversations untouched for longer are deleted; 0 keeps them. */
  get historyRetentionDays(): number {
    return nonNegative(this.section.get<number>('history.retentionDays', 0));
  }

  /** Whether a configuration change touches one of our keys (`key` relative to `claudeApi.`). */
  static changed(event: vscode.ConfigurationChangeEvent, key?: string): boolean {
    return event.affectsConfiguration(key ? `${configSection}.${key}` : configSection);
  }
}

/** A setting that must be one of `allowed`; anything else counts as `fallback`. */
function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** A setting that must be a non-negative number; anything else counts as 0 (off). */
function nonNegative(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}
