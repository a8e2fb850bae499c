// DOM helpers shared by the page, the batch table and the <bounce-decoder> element.
// Everything that comes from the input (and so from the decoder's report) is untrusted: it
// only ever becomes text nodes (textContent, append of strings), never HTML.

/** createElement with properties and children; strings become text nodes. */
export function h(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value == null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'onclick') node.addEventListener('click', value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child == null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export const present = (value) => value != null && value !== '';

export function code(text) {
  return h('code', { text });
}

/** A definition list of [term, ...values]; rows whose values are all empty are left out. */
export function dl(rows, className = 'facts') {
  const list = h('dl', { class: className });
  for (const [term, ...values] of rows) {
    if (!values.length || values.every((v) => v == null || v === '')) continue;
    list.append(h('div', { class: 'fact' }, h('dt', { text: term }), h('dd', {}, ...values)));
  }
  return list;
}

export function warningsList(notices) {
  return h('ul', { class: 'notices' }, notices.map((n) => h('li', { 'data-code': n.code, text: n.message })));
}

/** A results section with its h2, labelled by it. */
export function section(id, title) {
  const heading = h('h2', { id: `${id}-heading`, text: title });
  return h('section', { class: `result-section ${id}`, 'aria-labelledby': `${id}-heading` }, heading);
}
