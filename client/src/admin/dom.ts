/** Small DOM helpers of the administration page. */
import './admin.css';

export function make<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  if (className) element.className = className;
  return element;
}

export function button(text: string, title?: string): HTMLButtonElement {
  const result = make('button', text);
  result.type = 'button';
  if (title) result.title = title;
  return result;
}

/** A labelled input of a form. */
export function input(
  label: string,
  name: string,
  options: { type?: string; value?: string; placeholder?: string; required?: boolean } = {},
): { label: HTMLLabelElement; input: HTMLInputElement } {
  const field = make('input');
  field.name = name;
  field.type = options.type ?? 'text';
  field.value = options.value ?? '';
  field.autocomplete = 'off';
  if (options.placeholder) field.placeholder = options.placeholder;
  if (options.required) field.required = true;
  const wrapper = make('label', label);
  wrapper.append(field);
  return { label: wrapper, input: field };
}

/** A labelled select of `[value, text]` choices. */
export function select(
  label: string,
  name: string,
  choices: readonly (readonly [string, string])[],
  value = '',
): { label: HTMLLabelElement; select: HTMLSelectElement } {
  const field = make('select');
  field.name = name;
  for (const [choice, text] of choices) {
    const option = make('option', text);
    option.value = choice;
    field.append(option);
  }
  field.value = value;
  const wrapper = make('label', label);
  wrapper.append(field);
  return { label: wrapper, select: field };
}

/** A table with a head row and one row per item; `actions` adds a last cell of buttons. */
export function table(
  head: readonly string[],
  rows: readonly string[][],
  actions?: (index: number) => HTMLElement[],
): HTMLTableElement {
  const result = make('table', undefined, 'grid');
  const top = make('tr');
  top.append(...head.map((text) => make('th', text)));
  if (actions) top.append(make('th', ''));
  const body = make('tbody');
  rows.forEach((cells, index) => {
    const row = make('tr');
    row.append(...cells.map((text) => make('td', text)));
    if (actions) {
      const cell = make('td', undefined, 'ad-actions');
      cell.append(...actions(index));
      row.append(cell);
    }
    body.append(row);
  });
  const thead = make('thead');
  thead.append(top);
  result.append(thead, body);
  return result;
}
