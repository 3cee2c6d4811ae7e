// Reading a site generator's config (parsed once with the site, src/core/site/site.ts) without loading its parsers.

/** A site config value by key, as Hugo reads keys: case-insensitively. */
export function configValue(config: Record<string, unknown>, key: string): unknown {
  return Object.entries(config).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
}
