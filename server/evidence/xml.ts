/** XML text for the bundle's writers: every value escaped, characters XML 1.0 forbids dropped. */

// Control characters other than tab, newline and carriage return, lone surrogates, U+FFFE/FFFF.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for an element's content or an attribute value (quotes and line breaks too). */
export function xmlText(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return text.replace(FORBIDDEN, '').replace(/[<>&"'\n\r\t]/g, (char) => {
    switch (char) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      case '\n':
        return '&#10;';
      case '\r':
        return '&#13;';
      default:
        return '&#9;';
    }
  });
}

/** `name="value"` pairs, leaving out undefined and null values. */
export function xmlAttributes(
  attributes: Record<string, string | number | boolean | null | undefined>,
): string {
  return Object.entries(attributes)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([name, value]) => ` ${name}="${xmlText(value)}"`)
    .join('');
}
