import type { ModelOption, SnippetLanguage } from '../../shared/chatProtocol';
import { snippetLanguages } from '../../shared/chatProtocol';
import { actionButton, h } from './dom';

export interface HeaderHandlers {
  pickModel(modelId: string): void;
}

/**
 * The top bar: model picker, New chat, the History and Settings panel toggles, and the "Copy as code"
 * menu. Buttons carry `data-action`; the page's click listener runs them.
 */
export class Header {
  readonly element: HTMLElement;
  private readonly modelSelect: HTMLSelectElement;
  private readonly offlineMarker: HTMLElement;
  readonly historyToggle: HTMLButtonElement;
  readonly settingsToggle: HTMLButtonElement;

  constructor(
    private readonly document: Document,
    handlers: HeaderHandlers,
  ) {
    const d = document;
    this.modelSelect = h(d, 'select', { id: 'chat-model', 'aria-label': 'Model' });
    this.modelSelect.addEventListener('change', () => handlers.pickModel(this.modelSelect.value));
    this.offlineMarker = h(d, 'span', { id: 'chat-models-offline', hidden: true, title: 'The model list could not be loaded; showing the built-in list.' }, 'offline list');
    this.historyToggle = actionButton(d, 'toggle-history', 'History', { id: 'chat-history-toggle', 'aria-expanded': 'false', 'aria-controls': 'chat-history' });
    this.settingsToggle = actionButton(d, 'toggle-settings', 'Settings', { id: 'chat-settings-toggle', 'aria-expanded': 'false', 'aria-controls': 'chat-settings' });
    const menu = h(d, 'div', { class: 'menu-items', role: 'group', 'aria-label': 'Copy the conversation as code' });
    for (const language of Object.keys(snippetLanguages) as SnippetLanguage[]) {
      const label = snippetLanguages[language].label;
      menu.append(
        h(
          d,
          'div',
          { class: 'menu-row' },
          h(d, 'span', { class: 'menu-label' }, label),
          actionButton(d, 'copy-as-code', 'Copy', { 'data-language': language, 'data-target': 'clipboard', 'aria-label': `Copy as ${label}` }),
          actionButton(d, 'copy-as-code', 'Open', { 'data-language': language, 'data-target': 'editor', 'aria-label': `Open as ${label} in an editor` }),
        ),
      );
    }
    this.element = h(
      d,
      'header',
      { id: 'chat-header' },
      h(
        d,
        'div',
        { class: 'model-picker' },
        this.modelSelect,
        actionButton(d, 'refresh-models', '↻', { id: 'chat-refresh-models', title: 'Reload the model list', 'aria-label': 'Reload the model list' }),
        this.offlineMarker,
      ),
      h(
        d,
        'div',
        { class: 'header-buttons' },
        actionButton(d, 'new-chat', 'New chat', { id: 'chat-new', title: 'Start a new conversation' }),
        this.historyToggle,
        this.settingsToggle,
        h(d, 'details', { id: 'chat-copy-as-code', class: 'menu' }, h(d, 'summary', {}, 'Copy as code'), menu),
      ),
    );
  }

  /** Fills the picker; a conversation's model missing from the list is kept as an extra option. */
  setModels(models: ModelOption[], offline: boolean, current: string | undefined): void {
    const options = models.map((model) => h(this.document, 'option', { value: model.id }, model.displayName || model.id));
    if (current && !models.some((model) => model.id === current)) {
      options.unshift(h(this.document, 'option', { value: current }, current));
    }
    this.modelSelect.replaceChildren(...options);
    if (current) this.modelSelect.value = current;
    this.offlineMarker.hidden = !offline;
  }

  setModel(current: string, models: ModelOption[], offline: boolean): void {
    if (![...this.modelSelect.options].some((option) => option.value === current)) this.setModels(models, offline, current);
    this.modelSelect.value = current;
  }

  closeMenu(): void {
    this.element.querySelector('details.menu')?.removeAttribute('open');
  }
}
