import type { ChatParameters, ChatParametersPatch, ChatState } from '../../shared/chatProtocol';
import { h } from './dom';

type Limits = ChatState['limits'];

/**
 * Request parameters of the open conversation: system prompt, max tokens, thinking. (No temperature:
 * the API version the SDK sends rejects it; see ChatParameters in the protocol.)
 * Each field is checked here before it is sent (the host checks again); a bad value is marked
 * invalid with a message and nothing is sent, so the last good value stays in force.
 */
export class SettingsPanel {
  readonly element: HTMLElement;
  private readonly systemPrompt: HTMLTextAreaElement;
  private readonly maxTokens: HTMLInputElement;
  private readonly thinking: HTMLInputElement;
  private readonly budget: HTMLInputElement;
  private readonly problem: HTMLElement;
  private parameters: ChatParameters | undefined;
  private limits: Limits | undefined;

  constructor(
    private readonly document: Document,
    private readonly onPatch: (patch: ChatParametersPatch) => void,
  ) {
    const d = document;
    this.systemPrompt = h(d, 'textarea', { id: 'chat-system-prompt', rows: '3', placeholder: 'Optional instructions for every reply' });
    this.maxTokens = h(d, 'input', { id: 'chat-max-tokens', type: 'number', step: '1' });
    this.thinking = h(d, 'input', { id: 'chat-thinking', type: 'checkbox' });
    this.budget = h(d, 'input', { id: 'chat-thinking-budget', type: 'number', step: '1' });
    this.problem = h(d, 'div', { class: 'field-problem', role: 'status', 'aria-live': 'polite' });
    this.element = h(
      d,
      'section',
      { id: 'chat-settings', class: 'panel', hidden: true, 'aria-label': 'Chat settings' },
      h(d, 'h2', {}, 'Settings for this chat'),
      h(d, 'label', { for: 'chat-system-prompt' }, 'System prompt'),
      this.systemPrompt,
      h(d, 'div', { class: 'field-row' }, h(d, 'label', { for: 'chat-max-tokens' }, 'Max tokens'), this.maxTokens),
      h(d, 'div', { class: 'field-row' }, h(d, 'label', { class: 'inline' }, this.thinking, 'Extended thinking')),
      h(d, 'div', { class: 'field-row' }, h(d, 'label', { for: 'chat-thinking-budget' }, 'Thinking budget (tokens)'), this.budget),
      this.problem,
    );
    this.systemPrompt.addEventListener('change', () => this.onPatch({ systemPrompt: this.systemPrompt.value }));
    this.maxTokens.addEventListener('change', () => this.commitMaxTokens());
    this.thinking.addEventListener('change', () => {
      this.budget.disabled = !this.thinking.checked;
      this.onPatch({ thinkingEnabled: this.thinking.checked });
    });
    this.budget.addEventListener('change', () => this.commitBudget());
  }

  /** Shows the host's (normalised) parameters; a field being edited keeps what the user typed. */
  update(parameters: ChatParameters, limits: Limits): void {
    this.parameters = parameters;
    this.limits = limits;
    this.maxTokens.min = String(limits.maxTokensMin);
    this.maxTokens.max = String(limits.maxTokensMax);
    this.budget.min = String(limits.thinkingBudgetMin);
    this.setUnlessFocused(this.systemPrompt, parameters.systemPrompt);
    this.setUnlessFocused(this.maxTokens, String(parameters.maxTokens));
    this.thinking.checked = parameters.thinking.enabled;
    this.budget.disabled = !parameters.thinking.enabled;
    this.setUnlessFocused(this.budget, String(parameters.thinking.budgetTokens));
    for (const input of [this.maxTokens, this.budget]) input.removeAttribute('aria-invalid');
    this.problem.textContent = '';
  }

  private setUnlessFocused(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
    if (this.document.activeElement !== field) field.value = value;
  }

  private commitMaxTokens(): void {
    const limits = this.limits;
    const value = Number(this.maxTokens.value);
    if (!limits || !Number.isInteger(value) || value < limits.maxTokensMin || value > limits.maxTokensMax) {
      return this.reject(this.maxTokens, `Max tokens must be a whole number from ${limits?.maxTokensMin ?? 1} to ${limits?.maxTokensMax ?? ''}.`);
    }
    if (this.parameters?.thinking.enabled && value <= this.parameters.thinking.budgetTokens) {
      return this.reject(this.maxTokens, 'Max tokens must be larger than the thinking budget.');
    }
    this.accept(this.maxTokens);
    this.onPatch({ maxTokens: value });
  }

  private commitBudget(): void {
    const limits = this.limits;
    const value = Number(this.budget.value);
    const min = limits?.thinkingBudgetMin ?? 1024;
    if (!Number.isInteger(value) || value < min) return this.reject(this.budget, `The thinking budget must be a whole number of at least ${min}.`);
    if (this.parameters && value >= this.parameters.maxTokens) {
      return this.reject(this.budget, 'The thinking budget must be below max tokens.');
    }
    this.accept(this.budget);
    this.onPatch({ thinkingBudgetTokens: value });
  }

  private reject(field: HTMLInputElement, message: string): void {
    field.setAttribute('aria-invalid', 'true');
    this.problem.textContent = message;
  }

  private accept(field: HTMLInputElement): void {
    field.removeAttribute('aria-invalid');
    this.problem.textContent = '';
  }
}
