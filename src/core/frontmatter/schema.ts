// Front-matter schemas: built-in presets for Hugo and Jekyll recap posts, plain Markdown, and the
// site's own additions from `.recap.json`.

export type FieldType = 'string' | 'boolean' | 'number' | 'date' | 'string[]' | 'list' | 'map' | 'string|string[]' | 'any';

export interface FieldSpec {
  type: FieldType;
  required?: boolean;
  description?: string;
  /** For strings: longer values get a warning (`summary`, `description`). */
  maxLength?: number;
}

export type PresetName = 'hugo' | 'jekyll' | 'markdown';

export interface Schema {
  preset: PresetName;
  fields: Record<string, FieldSpec>;
}

const str = (description: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'string', description, ...extra });
const date = (description: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ type: 'date', description, ...extra });
const list = (description: string): FieldSpec => ({ type: 'string[]', description });

/** Hugo's predefined front-matter fields plus the ones recap posts use. */
const HUGO_FIELDS: Record<string, FieldSpec> = {
  title: str('Title of the post.', { required: true }),
  date: date('Publication date (YYYY-MM-DD or RFC 3339).', { required: true }),
  draft: { type: 'boolean', description: 'If true, the post is not published.' },
  tags: list('Tags (a list of strings).'),
  categories: list('Categories (a list of strings).'),
  keywords: list('Keywords for search engines (a list of strings).'),
  authors: list('Authors (a list of strings).'),
  series: list('Series this post belongs to.'),
  images: { type: 'list', description: 'Images for social cards; the first one is the cover.' },
  summary: str('Summary shown in lists and social cards.', { maxLength: 300 }),
  description: str('Description for search engines and social cards.', { maxLength: 160 }),
  subtitle: str('Subtitle (theme-defined).'),
  lastmod: date('Date of last modification.'),
  publishDate: date('Date from which the post is published.'),
  expiryDate: date('Date after which the post is no longer published.'),
  aliases: list('Other URLs that redirect to this post.'),
  slug: str('Last part of the URL.'),
  url: str('Full path of the URL.'),
  linkTitle: str('Shorter title for links and menus.'),
  layout: str('Layout template to use.'),
  type: str('Content type (selects templates).'),
  weight: { type: 'number', description: 'Ordering weight.' },
  markup: str('Markup language of the body.'),
  isCJKLanguage: { type: 'boolean', description: 'Count words as CJK text.' },
  headless: { type: 'boolean', description: 'Headless bundle.' },
  menu: { type: 'any', description: 'Menu entries.' },
  menus: { type: 'any', description: 'Menu entries.' },
  outputs: list('Output formats.'),
  params: { type: 'map', description: 'Custom parameters.' },
  resources: { type: 'list', description: 'Page resources metadata.' },
  cascade: { type: 'any', description: 'Values passed down to descendants.' },
  build: { type: 'map', description: 'Build options.' },
  sitemap: { type: 'map', description: 'Sitemap options.' },
  translationKey: str('Key linking translations.'),
  toc: { type: 'boolean', description: 'Show a table of contents (theme-defined).' },
  math: { type: 'boolean', description: 'Enable math rendering (theme-defined).' },
  cover: { type: 'any', description: 'Cover image (theme-defined).' },
  image: str('Cover image (theme-defined).'),
};

/** Jekyll's predefined variables plus common theme ones. */
const JEKYLL_FIELDS: Record<string, FieldSpec> = {
  title: str('Title of the post.', { required: true }),
  layout: str('Layout to use (`post`).'),
  date: date('Publication date; overrides the date in the file name.'),
  permalink: str('URL of the post.'),
  published: { type: 'boolean', description: 'If false, the post is not published.' },
  categories: { type: 'string|string[]', description: 'Categories: a list, or words separated by spaces.' },
  category: str('A single category.'),
  tags: { type: 'string|string[]', description: 'Tags: a list, or words separated by spaces.' },
  excerpt: str('Excerpt shown in lists.', { maxLength: 300 }),
  excerpt_separator: str('Marker that ends the excerpt.'),
  description: str('Description for search engines.', { maxLength: 160 }),
  author: str('Author (jekyll-seo-tag).'),
  authors: list('Authors.'),
  image: { type: 'any', description: 'Image for social cards (jekyll-seo-tag).' },
  subtitle: str('Subtitle (theme-defined).'),
  last_modified_at: date('Date of last modification.'),
  redirect_from: { type: 'string|string[]', description: 'Old URLs (jekyll-redirect-from).' },
};

const MARKDOWN_FIELDS: Record<string, FieldSpec> = {
  title: str('Title of the post.', { required: true }),
  date: date('Publication date.'),
  tags: list('Tags.'),
  authors: list('Authors.'),
  description: str('Description.', { maxLength: 160 }),
};

export const PRESETS: Record<PresetName, Record<string, FieldSpec>> = { hugo: HUGO_FIELDS, jekyll: JEKYLL_FIELDS, markdown: MARKDOWN_FIELDS };

export interface SchemaOverrides {
  /** Keys to require in addition to (or instead of, with `replaceRequired`) the preset's. */
  required?: string[];
  fields?: Record<string, Partial<FieldSpec>>;
  summaryMaxLength?: number;
  descriptionMaxLength?: number;
}

export function buildSchema(preset: PresetName, overrides: SchemaOverrides = {}): Schema {
  const fields: Record<string, FieldSpec> = {};
  for (const [key, spec] of Object.entries(PRESETS[preset])) fields[key] = { ...spec };
  for (const [key, spec] of Object.entries(overrides.fields ?? {})) {
    fields[key] = { ...(fields[key] ?? { type: 'any' }), ...spec } as FieldSpec;
  }
  if (overrides.required) {
    for (const spec of Object.values(fields)) spec.required = false;
    for (const key of overrides.required) fields[key] = { ...(fields[key] ?? { type: 'any' }), required: true };
  }
  if (overrides.summaryMaxLength !== undefined) {
    for (const key of ['summary', 'excerpt']) if (fields[key]) fields[key].maxLength = overrides.summaryMaxLength;
  }
  if (overrides.descriptionMaxLength !== undefined && fields.description) fields.description.maxLength = overrides.descriptionMaxLength;
  return { preset, fields };
}
