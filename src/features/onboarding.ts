// First steps: "Recap: Show Detected Site" tells which sites Recap found (the walkthrough's first step), and
// the context keys the walkthrough's steps complete on.
import * as path from 'pathe';
import * as vscode from 'vscode';
import type { SiteInfo } from '../core/site/site';
import { serviceUri, workspaceSites, type Sites } from './sites';

/** Set once a site has been found in the workspace (walkthrough step "Open your site"). */
export const SITE_DETECTED_CONTEXT = 'recap.siteDetected';
/** Set once a post has been checked (walkthrough step "See a post checked"). */
export const CHECKED_POST_CONTEXT = 'recap.hasCheckedPost';

const GENERATOR_NAMES: Record<SiteInfo['generator'], string> = { hugo: 'Hugo', jekyll: 'Jekyll', markdown: 'Markdown' };

/** "content/posts" for a folder inside the workspace, else the folder's own path. */
function shown(file: string): string {
  return vscode.workspace.asRelativePath(serviceUri(file), false);
}

/** "content and docs", "content et docs": the folders as a list in the UI language. */
function listed(items: string[]): string {
  try {
    return new Intl.ListFormat(vscode.env.language || undefined, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** "12 posts in content", "1 post", "no posts": each count a sentence of its own, for languages that agree differently. */
function postCount(posts: number, folders: string): string {
  if (folders) {
    if (posts === 0) return vscode.l10n.t({ message: 'no posts in {0}', args: [folders], comment: 'Show Detected Site: {0} is the site’s content folders, e.g. “content”.' });
    if (posts === 1) return vscode.l10n.t({ message: '1 post in {0}', args: [folders], comment: 'Show Detected Site: {0} is the site’s content folders, e.g. “content”.' });
    return vscode.l10n.t({ message: '{0} posts in {1}', args: [posts, folders], comment: 'Show Detected Site: {0} is a number above 1, {1} the site’s content folders, e.g. “content”.' });
  }
  if (posts === 0) return vscode.l10n.t({ message: 'no posts', comment: 'Show Detected Site: a site with no posts yet.' });
  return posts === 1 ? vscode.l10n.t('1 post') : vscode.l10n.t('{0} posts', posts);
}

/** "Hugo site in blog (found hugo.toml): 12 posts in content". */
async function describe(sites: Sites, site: SiteInfo): Promise<string> {
  const posts = (await sites.postsOf(site)).length;
  const where = shown(site.root);
  const generator = GENERATOR_NAMES[site.generator];
  const name = where && where !== site.root
    ? vscode.l10n.t({ message: '{0} site in {1}', args: [generator, where], comment: 'Show Detected Site: {0} is Hugo, Jekyll or Markdown, {1} the site’s folder in the workspace.' })
    : vscode.l10n.t({ message: '{0} site', args: [generator], comment: 'Show Detected Site: {0} is Hugo, Jekyll or Markdown.' });
  return vscode.l10n.t({
    message: '{0} (found {1}): {2}', args: [name, path.basename(site.marker), postCount(posts, listed(site.contentDirs.map(shown)))],
    comment: 'Show Detected Site, one site: {0} is e.g. “Hugo site in blog”, {1} the file the site was found by (hugo.toml, _config.yml …), {2} e.g. “12 posts in content”.',
  });
}

async function showSite(sites: Sites): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    const openFolder = vscode.l10n.t('Open Folder…');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Recap: open your site’s folder first (the one with hugo.toml or _config.yml).'), openFolder);
    if (choice === openFolder) await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return;
  }
  const found = await workspaceSites(sites);
  if (found.length === 0) {
    const createConfig = vscode.l10n.t('Create .recap.json');
    const openSettings = vscode.l10n.t('Open Settings');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('Recap: no Hugo or Jekyll site in this workspace (no hugo.toml, config.toml, _config.yml or .recap.json). Add a .recap.json, or list your posts in the recap.posts setting, and Recap checks them.'),
      createConfig, openSettings);
    if (choice === createConfig) await vscode.commands.executeCommand('recap.openSiteConfig');
    else if (choice === openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', 'recap.posts');
    return;
  }
  await vscode.commands.executeCommand('setContext', SITE_DETECTED_CONTEXT, true);
  const lines = await Promise.all(found.map(site => describe(sites, site)));
  const message = found.length === 1
    ? vscode.l10n.t({ message: 'Recap: {0}.', args: [lines[0]], comment: 'Show Detected Site: {0} is e.g. “Hugo site (found hugo.toml): 12 posts in content”.' })
    : vscode.l10n.t({
      message: 'Recap: {0} sites — {1}.', args: [found.length, lines.join(vscode.l10n.t({ message: '; ', comment: 'Show Detected Site: between two sites in “Recap: {0} sites — {1}.”' }))],
      comment: 'Show Detected Site: {0} is a number above 1, {1} the sites, e.g. “Hugo site in blog (found hugo.toml): 12 posts in content; Jekyll site in docs (found _config.yml): 3 posts in _posts”.',
    });
  const checkAll = vscode.l10n.t('Check All Posts');
  const siteConfig = vscode.l10n.t('Site Configuration');
  const choice = await vscode.window.showInformationMessage(message, checkAll, siteConfig);
  if (choice === checkAll) await vscode.commands.executeCommand('recap.checkWorkspace');
  else if (choice === siteConfig) await vscode.commands.executeCommand('recap.openSiteConfig');
}

export function registerOnboarding(context: vscode.ExtensionContext, sites: Sites): void {
  context.subscriptions.push(vscode.commands.registerCommand('recap.showSite', () => showSite(sites)));
}
