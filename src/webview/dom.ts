export type Child = Node | string | null | undefined | false;

/**
 * An element built from data: text only through textContent, `data-`/`aria-`/`for`/`role` as attributes, any
 * other prop as a DOM property (so `disabled: false` means enabled). The pages never assign innerHTML.
 */
export function h(tag: string, props?: Record<string, unknown>, children?: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') el.className = String(value);
    else if (name === 'text') el.textContent = String(value);
    else if (name.startsWith('data-') || name.startsWith('aria-') || name === 'for' || name === 'role')
      el.setAttribute(name, String(value));
    else (el as unknown as Record<string, unknown>)[name] = value;
  }
  for (const child of children || []) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child);
  }
  return el;
}
