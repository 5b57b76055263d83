import type { Rule } from 'eslint';

export const noImportCycle: Rule.RuleModule;
