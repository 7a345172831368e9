// String lengths as the service models count them. Smithy's @length on a string counts Unicode
// scalar values (code points), https://smithy.io/2.0/spec/constraint-traits.html#length-trait,
// so an emoji is 1, not the 2 UTF-16 units of String.length. A lone surrogate counts as 1, as
// Java's String.codePointCount (behind the services) counts it.

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const isPairStart = unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length;
    const next = isPairStart ? text.charCodeAt(index + 1) : 0;
    if (next >= 0xdc00 && next <= 0xdfff) index += 1;
    length += 1;
  }
  return length;
}
