/** Small DOM helpers the stop views share. */
import './freeze.css';

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

export function button(text: string, className = ''): HTMLButtonElement {
  const result = make('button', text, className);
  result.type = 'button';
  return result;
}

/** A labelled text input. */
export function textField(
  label: string,
  options: { name: string; value?: string; placeholder?: string; maxLength?: number },
): { label: HTMLLabelElement; input: HTMLInputElement } {
  const input = make('input');
  input.name = options.name;
  input.value = options.value ?? '';
  if (options.placeholder) input.placeholder = options.placeholder;
  if (options.maxLength) input.maxLength = options.maxLength;
  const wrapper = make('label', `${label} `);
  wrapper.append(input);
  return { label: wrapper, input };
}
