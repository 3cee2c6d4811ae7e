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

async function describe(sites: Sites, site: SiteInfo): Promise<string> {
  const posts = (await sites.postsOf(site)).length;
  const where = shown(site.root);
  const folders = site.contentDirs.map(shown).join(', ');
  return `${GENERATOR_NAMES[site.generator]} site${where && where !== site.root ? ` in ${where}` : ''} (found ${path.basename(site.marker)}): ${posts} post${posts === 1 ? '' : 's'}${folders ? ` in ${folders}` : ''}`;
}

async function showSite(sites: Sites): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) {
    const choice = await vscode.window.showInformationMessage('Recap: open your site’s folder first (the one with hugo.toml or _config.yml).', 'Open Folder…');
    if (choice) await vscode.commands.executeCommand('workbench.action.files.openFolder');
    return;
  }
  const found = await workspaceSites(sites);
  if (found.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      'Recap: no Hugo or Jekyll site in this workspace (no hugo.toml, config.toml, _config.yml or .recap.json). Add a .recap.json, or list your posts in the recap.posts setting, and Recap checks them.',
      'Create .recap.json', 'Open Settings');
    if (choice === 'Create .recap.json') await vscode.commands.executeCommand('recap.openSiteConfig');
    else if (choice === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'recap.posts');
    return;
  }
  await vscode.commands.executeCommand('setContext', SITE_DETECTED_CONTEXT, true);
  const lines = await Promise.all(found.map(site => describe(sites, site)));
  const message = found.length === 1 ? `Recap: ${lines[0]}.` : `Recap: ${found.length} sites — ${lines.join('; ')}.`;
  const choice = await vscode.window.showInformationMessage(message, 'Check All Posts', 'Site Configuration');
  if (choice === 'Check All Posts') await vscode.commands.executeCommand('recap.checkWorkspace');
  else if (choice === 'Site Configuration') await vscode.commands.executeCommand('recap.openSiteConfig');
}

export function registerOnboarding(context: vscode.ExtensionContext, sites: Sites): void {
  context.subscriptions.push(vscode.commands.registerCommand('recap.showSite', () => showSite(sites)));
}
