// The Evidential extension: finds the `evidential` executable, starts `evidential lsp` through
// vscode-languageclient and hands it the user's settings. Every finding, fix and hover is the server's;
// nothing here knows what a hedge is.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

const SECTION = 'evidential';
const OUTPUT_NAME = 'Evidential';
const INSTALL_HEADING = 'install-the-evidential-executable';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

/**
 * The settings object the server reads: the shape of `.evidential.json`, plus the server's own
 * `maxDocumentBytes` when the user set one (the server takes it out before reading the rest).
 */
export function serverSettings(config: vscode.WorkspaceConfiguration): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const checks = config.get<Record<string, unknown>>('checks') ?? {};
  if (Object.keys(checks).length > 0) settings.checks = checks;
  const limit = config.get<number>('maxDocumentBytes') ?? 0;
  if (Number.isInteger(limit) && limit > 0) settings.maxDocumentBytes = limit;
  return settings;
}

/**
 * The executable to run: `evidential.path` when set (`~` and paths relative to the first workspace
 * folder are resolved), else `evidential` from PATH. Returns an error message when it cannot be found,
 * so the user sees a sentence instead of a spawn ENOENT.
 */
export function resolveExecutable(
  configured: string,
  env: NodeJS.ProcessEnv,
  workspaceFolder: string | undefined,
): { command: string } | { error: string } {
  const exe = process.platform === 'win32' ? 'evidential.exe' : 'evidential';
  if (configured.trim() !== '') {
    let p = configured.trim();
    if (p === '~' || p.startsWith('~/')) p = path.join(os.homedir(), p.slice(1));
    if (!path.isAbsolute(p) && workspaceFolder) p = path.join(workspaceFolder, p);
    if (isExecutableFile(p)) return { command: p };
    return { error: `The setting evidential.path is "${configured}", but ${p} is not an executable file.` };
  }
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, exe);
    if (isExecutableFile(candidate)) return { command: candidate };
  }
  return { error: 'The evidential executable was not found on PATH, and the setting evidential.path is empty.' };
}

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Says why the server cannot start and offers the install steps (not awaited, like any notification). */
function reportMissingExecutable(context: vscode.ExtensionContext, error: string): void {
  output?.appendLine(error);
  void vscode.window
    .showErrorMessage(`Evidential: ${error} Install it, or set evidential.path to the executable.`, 'How to install', 'Open settings')
    .then(async (choice) => {
      if (choice === 'How to install') {
        // vsce stores the README as readme.md; a development checkout has README.md.
        const name = ['README.md', 'readme.md'].find((n) => fs.existsSync(path.join(context.extensionPath, n))) ?? 'README.md';
        const readme = vscode.Uri.joinPath(context.extensionUri, name).with({ fragment: INSTALL_HEADING });
        await vscode.commands.executeCommand('markdown.showPreview', readme);
      } else if (choice === 'Open settings') {
        await vscode.commands.executeCommand('workbench.action.openSettings', 'evidential.path');
      }
    });
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration(SECTION);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const found = resolveExecutable(config.get<string>('path') ?? '', process.env, folder);
  if ('error' in found) {
    reportMissingExecutable(context, found.error);
    return;
  }

  const serverOptions: ServerOptions = { command: found.command, args: ['lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'plaintext' },
    ],
    initializationOptions: serverSettings(config),
    outputChannel: output,
    traceOutputChannel: output,
    middleware: {
      workspace: {
        // The server asks for section "evidential" and parses it as .evidential.json; pass only the
        // keys that belong there, not the extension's own `path` and `trace`.
        configuration: (params) =>
          params.items.map((item) => {
            if (item.section !== SECTION) return null;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return serverSettings(vscode.workspace.getConfiguration(SECTION, scope));
          }),
      },
    },
  };
  client = new LanguageClient(SECTION, OUTPUT_NAME, serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    // Not awaited: a notification left open must not hold up activation.
    void vscode.window
      .showErrorMessage(`Evidential: the language server (${found.command} lsp) did not start: ${String(err)}`, 'Show output')
      .then((choice) => {
        if (choice === 'Show output') output?.show(true);
      });
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c?.isRunning()) await c.stop();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(OUTPUT_NAME);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('evidential.restartServer', async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.commands.registerCommand('evidential.showOutput', () => output?.show(true)),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // Settings the server reads arrive through workspace/configuration; a new executable needs a restart.
      if (e.affectsConfiguration(`${SECTION}.path`)) {
        await stopClient();
        await startClient(context);
      }
    }),
  );
  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
