/**
 * Canonical JSON: the JSON Canonicalization Scheme (RFC 8785). Object keys
 * sorted by UTF-16 code units, no whitespace, strings and numbers written
 * as ECMAScript's JSON.stringify writes them (shortest round-trip numbers),
 * keys whose value is `undefined` left out, as JSON.stringify does. Any
 * RFC 8785 library in another language gives the same bytes, so a sealed
 * round's digest can be checked without this code.
 *
 * Throws on values JSON cannot carry (NaN, ±Infinity, functions, bigint):
 * a seal must never be computed over something its export cannot show.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

/**
 * Canonical JSON of an object some of whose values are already canonical
 * text (`raw`, by key): the same bytes as `canonicalJson` of the whole,
 * without walking a large pre-serialised value (a round's ballots) again.
 */
export function canonicalJsonWith(value: Record<string, unknown>, raw: Record<string, string>): string {
  const keys = [...new Set([...Object.keys(value).filter((k) => value[k] !== undefined), ...Object.keys(raw)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${Object.hasOwn(raw, k) ? raw[k] : canonicalJson(value[k])}`).join(',')}}`;
}
