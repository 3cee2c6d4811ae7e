// Paste or drop an image file into a post: the file goes into the page bundle (when the post is a
// bundle's `index.md`) or into the site's static folder (setting `recap.images.folder`), under a name
// no other file has, and the post gets the image shortcode with the alt text selected.
//
// The copy is part of the edit (`additionalEdit.createFile`, bytes read through `workspace.fs`): it
// happens only when the user keeps this paste option, and one undo removes both text and file.
import * as path from 'pathe';
import * as vscode from 'vscode';
import type { SiteIndex } from '../core/site/files';
import { markdownPosts, servicePath, serviceUri, type PostContext, type Sites } from './sites';

export const IMAGE_EDIT_KIND = vscode.DocumentDropOrPasteEditKind.Empty.append('recap', 'image');
export const DEFAULT_IMAGE_FOLDER = 'blog/${postSlug}';
export const DEFAULT_IMAGE_SHORTCODE = 'image';

/** An image to place: a file on disk (Explorer, OS drop) or bytes (a pasted screenshot). */
interface ImageSource {
  name: string;
  uri?: vscode.Uri;
  file?: vscode.DataTransferFile;
}

interface PlannedImage {
  source: ImageSource;
  /** Where the copy goes; undefined when the file is already where the site serves it from. */
  target?: vscode.Uri;
  /** The path written into the post. */
  ref: string;
}

export interface ImagePlan {
  images: PlannedImage[];
  snippet: vscode.SnippetString;
}

class RecapImageEdit extends vscode.DocumentPasteEdit {
  constructor(readonly plan: ImagePlan, title: string) {
    super(plan.snippet, title, IMAGE_EDIT_KIND);
  }
}

class RecapImageDropEdit extends vscode.DocumentDropEdit {
  constructor(readonly plan: ImagePlan, title: string) {
    super(plan.snippet, title, IMAGE_EDIT_KIND);
  }
}

/** The variables of `recap.images.folder`. */
export interface FolderVariables {
  /** Front-matter `slug`, else the file (or bundle folder) name without a leading `YYYY-MM-DD-`. */
  postSlug: string;
  /** The post's file name without extension (the bundle folder's name for `index.md`). */
  postFileName: string;
  /** The post's year and month (front-matter `date`, else today). */
  year: string;
  month: string;
  /** The post's first folder under the content folder (`posts`), '' when none. */
  section: string;
}

export function folderVariables(postPath: string, data: Record<string, unknown>, contentDirs: string[], now = new Date()): FolderVariables {
  const base = path.basename(postPath, path.extname(postPath));
  const fileName = /^_?index$/.test(base) ? path.basename(path.dirname(postPath)) : base;
  const slug = typeof data.slug === 'string' && data.slug.trim() ? data.slug.trim() : fileName.replace(/^\d{4}-\d{2}-\d{2}[-_]?/, '') || fileName;
  const rawDate = data.date instanceof Date ? data.date.toISOString() : typeof data.date === 'string' ? data.date : '';
  const date = /^(\d{4})-(\d{2})/.exec(rawDate) ?? /^(\d{4})-(\d{2})/.exec(fileName);
  const year = date?.[1] ?? String(now.getFullYear());
  const month = date?.[2] ?? String(now.getMonth() + 1).padStart(2, '0');
  const root = contentDirs.find(dir => !path.relative(dir, postPath).startsWith('..'));
  const section = root ? path.relative(root, postPath).split(path.sep).slice(0, -1)[0] ?? '' : '';
  return { postSlug: slugify(slug), postFileName: fileName, year, month, section };
}

/** `recap.images.folder` with its variables filled in: a '/'-separated relative path ('' for the root). */
export function expandFolder(template: string, variables: FolderVariables): string {
  const expanded = template.replace(/\$\{(\w+)\}/g, (whole, name: string) => name in variables ? variables[name as keyof FolderVariables] : whole);
  return expanded.split(/[\\/]+/).filter(part => part && part !== '.' && part !== '..').join('/');
}

function slugify(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'image';
}

/** A file name fit for a URL: no spaces or odd characters, a lower-case extension. */
export function safeFileName(name: string): string {
  const ext = path.extname(name).toLowerCase();
  const stem = slugify(path.basename(name, path.extname(name))).toLowerCase();
  return `${stem}${ext}`;
}

/** The text for the images: the site's image shortcode, Hugo's `figure`, or Markdown outside Hugo. */
export async function imageSnippet(refs: string[], index: SiteIndex | undefined, generator: string | undefined, shortcodeSetting: string): Promise<string> {
  // Loaded on the first paste or drop, not at activation.
  const [{ escapeSnippetText }, { imageShortcodeFor }] = await Promise.all([import('../core/lint/findings'), import('../core/markdown/rules')]);
  let make: (ref: string, n: number) => string;
  if (generator !== 'hugo') {
    make = (ref, n) => `![\${${n}}](${escapeSnippetText(ref)})`;
  } else {
    const { name, param } = imageShortcodeFor(index, shortcodeSetting.trim() || DEFAULT_IMAGE_SHORTCODE);
    make = (ref, n) => `{{< ${name} ${param}="${escapeSnippetText(ref)}" alt="\${${n}}" >}}`;
  }
  return refs.map((ref, i) => make(ref, i + 1)).join('\n\n');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** `dir/name`, or `dir/name-1`, `dir/name-2` … : the first that no file has and this batch has not taken. */
async function uniqueTarget(dir: vscode.Uri, name: string, taken: Set<string>): Promise<vscode.Uri> {
  const ext = path.extname(name);
  const stem = path.basename(name, ext);
  for (let n = 0; ; n++) {
    const candidate = vscode.Uri.joinPath(dir, n === 0 ? name : `${stem}-${n}${ext}`);
    const key = candidate.toString();
    if (taken.has(key)) continue;
    if (!(await exists(candidate))) {
      taken.add(key);
      return candidate;
    }
  }
}

function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

export class ImageInserter implements vscode.DocumentPasteEditProvider<RecapImageEdit>, vscode.DocumentDropEditProvider<RecapImageDropEdit> {
  constructor(private readonly sites: Sites) {}

  async provideDocumentPasteEdits(document: vscode.TextDocument, _ranges: readonly vscode.Range[], dataTransfer: vscode.DataTransfer, _context: vscode.DocumentPasteEditContext, token: vscode.CancellationToken): Promise<RecapImageEdit[] | undefined> {
    const plan = await this.planFor(document, dataTransfer, token);
    return plan && [new RecapImageEdit(plan, this.title(plan))];
  }

  async resolveDocumentPasteEdit(edit: RecapImageEdit): Promise<RecapImageEdit> {
    edit.additionalEdit = await this.copyEdit(edit.plan);
    return edit;
  }

  async provideDocumentDropEdits(document: vscode.TextDocument, _position: vscode.Position, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<RecapImageDropEdit | undefined> {
    const plan = await this.planFor(document, dataTransfer, token);
    return plan && new RecapImageDropEdit(plan, this.title(plan));
  }

  async resolveDocumentDropEdit(edit: RecapImageDropEdit): Promise<RecapImageDropEdit> {
    edit.additionalEdit = await this.copyEdit(edit.plan);
    return edit;
  }

  private title(plan: ImagePlan): string {
    const copied = plan.images.filter(image => image.target).length;
    if (copied === 0) return vscode.l10n.t('Insert the image shortcode');
    return copied === 1 ? vscode.l10n.t('Copy the image into the site and insert the image shortcode') : vscode.l10n.t('Copy {0} images into the site and insert the image shortcode', copied);
  }

  /** The images in the data transfer, where they go, and the text to insert; undefined when not for us. */
  async planFor(document: vscode.TextDocument, dataTransfer: vscode.DataTransfer, token?: vscode.CancellationToken): Promise<ImagePlan | undefined> {
    // A post on disk or in a virtual workspace folder (github.dev): the images are copied through vscode.workspace.fs.
    const postPath = servicePath(document.uri);
    if (postPath === undefined) return undefined;
    const sources = await imageSources(dataTransfer);
    if (sources.length === 0 || token?.isCancellationRequested) return undefined;
    const postContext = await this.sites.contextFor(document);
    if (!postContext?.site || token?.isCancellationRequested) return undefined;
    return this.plan(document, postPath, postContext, sources);
  }

  private async plan(document: vscode.TextDocument, postPath: string, postContext: PostContext, sources: ImageSource[]): Promise<ImagePlan | undefined> {
    const site = postContext.site!;
    const index = postContext.siteIndex;
    const settings = vscode.workspace.getConfiguration('recap.images', document.uri);
    const staticDirs = index?.staticDirs.length ? index.staticDirs : site.staticDirs.length ? site.staticDirs : [site.generator === 'hugo' ? path.join(site.root, 'static') : site.root];
    const isBundle = site.generator === 'hugo' && /^index\.(md|markdown|mdown|mkd)$/i.test(path.basename(postPath));
    const postDir = path.dirname(postPath);
    let targetDir: string;
    let urlDir: string;
    if (isBundle) {
      targetDir = postDir;
      urlDir = '';
    } else {
      const { parseFrontMatter } = await import('../core/frontmatter/parse');
      const variables = folderVariables(postPath, parseFrontMatter(document.getText()).data, index?.contentDirs ?? site.contentDirs);
      const folder = expandFolder(settings.get<string>('folder', DEFAULT_IMAGE_FOLDER), variables);
      targetDir = path.join(staticDirs[0], ...folder.split('/').filter(Boolean));
      urlDir = `/${folder ? `${folder}/` : ''}`;
    }
    const taken = new Set<string>();
    const images: PlannedImage[] = [];
    for (const source of sources) {
      const file = source.uri ? servicePath(source.uri) : undefined;
      // Already served by the site: link it where it is.
      if (file && isBundle && path.dirname(file) === postDir) {
        images.push({ source, ref: path.basename(file) });
        continue;
      }
      const servedFrom = file && staticDirs.find(dir => isInside(dir, file));
      if (file && servedFrom) {
        images.push({ source, ref: `/${path.relative(servedFrom, file).split(path.sep).join('/')}` });
        continue;
      }
      const target = await uniqueTarget(serviceUri(targetDir), safeFileName(source.name), taken);
      images.push({ source, target, ref: `${urlDir}${path.posix.basename(target.path)}` });
    }
    const snippet = await imageSnippet(images.map(image => image.ref), index, site.generator, settings.get<string>('shortcode', DEFAULT_IMAGE_SHORTCODE));
    return { images, snippet: new vscode.SnippetString(snippet) };
  }

  /** Creates the copies (never over an existing file: the edit fails rather than overwrite). */
  async copyEdit(plan: ImagePlan): Promise<vscode.WorkspaceEdit | undefined> {
    const edit = new vscode.WorkspaceEdit();
    let any = false;
    for (const image of plan.images) {
      if (!image.target) continue;
      const contents = image.source.file ? await image.source.file.data() : image.source.uri ? await vscode.workspace.fs.readFile(image.source.uri) : undefined;
      if (!contents) continue;
      edit.createFile(image.target, { overwrite: false, ignoreIfExists: false, contents }, { label: vscode.l10n.t('Copy image'), needsConfirmation: false });
      any = true;
    }
    return any ? edit : undefined;
  }
}

/** Image files from `text/uri-list` (Explorer, OS file drops) or from file items (a pasted screenshot). */
async function imageSources(dataTransfer: vscode.DataTransfer): Promise<ImageSource[]> {
  const { isImagePath } = await import('../core/site/files');
  const sources: ImageSource[] = [];
  const uriList = await dataTransfer.get('text/uri-list')?.asString();
  if (uriList) {
    for (const line of uriList.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (!trimmed || trimmed.startsWith('#')) continue;
      let uri: vscode.Uri;
      try {
        uri = vscode.Uri.parse(trimmed, true);
      } catch {
        continue;
      }
      const name = path.posix.basename(uri.path);
      if (isImagePath(name)) sources.push({ name, uri });
    }
    if (sources.length) return sources;
  }
  dataTransfer.forEach((item, mime) => {
    const file = item.asFile();
    if (!file) return;
    const name = file.name || `image.${mime.split('/')[1]?.replace(/\W.*$/, '') || 'png'}`;
    if (isImagePath(name) || mime.startsWith('image/')) sources.push({ name: isImagePath(name) ? name : `${name}.${mime.split('/')[1] ?? 'png'}`, uri: file.uri, file });
  });
  return sources;
}

export function registerImagePaste(context: vscode.ExtensionContext, sites: Sites): ImageInserter {
  const inserter = new ImageInserter(sites);
  const selector: vscode.DocumentSelector = markdownPosts;
  context.subscriptions.push(
    vscode.languages.registerDocumentPasteEditProvider(selector, inserter, { providedPasteEditKinds: [IMAGE_EDIT_KIND], pasteMimeTypes: ['text/uri-list', 'files', 'image/*'] }),
    vscode.languages.registerDocumentDropEditProvider(selector, inserter, { providedDropEditKinds: [IMAGE_EDIT_KIND], dropMimeTypes: ['text/uri-list', 'files', 'image/*'] }),
  );
  return inserter;
}
