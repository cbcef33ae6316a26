/**
 * The VS Code workbench as a user drives it: keyboard shortcuts, the Problems panel,
 * hovers and the light-bulb menu, read back from the DOM.
 */
import type { Locator, Page } from 'playwright-core';

export interface ProblemRow {
  /** 1 for a file, 2 for a problem, 3 for a related location. */
  level: number;
  text: string;
  /** The file name of a file row. */
  name: string;
}

const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

/** The little of the DOM the page-side functions use; the project compiles without lib "dom". */
interface DomElement {
  readonly textContent: string | null;
  readonly innerText: string;
  readonly className: string;
  readonly style: { readonly top: string };
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
declare const document: DomElement;

export async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export class Workbench {
  private problemFilter = '';
  private problemFilterApplied = false;
  /** How often the panel lost its filter text and it was typed again. */
  filterResets = 0;

  constructor(readonly page: Page) {}

  async waitUntilReady(): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    // The explorer lists the folder once the remote file system answers.
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90_000 });
  }

  /** Quick Open (Ctrl+P), as a user opens a file by name. */
  async openFile(relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop()!;
    const input = this.page.locator('.quick-input-widget input');
    await poll(`Quick Open for ${relativePath}`, 20_000, async () => {
      await this.page.keyboard.press('Escape');
      await this.focusWorkbench();
      await this.page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: 3_000 });
      return true;
    });
    await input.fill(relativePath);
    // Wait for the search to list the file before accepting; Enter on an empty list does nothing.
    await this.page
      .locator('.quick-input-list .monaco-list-row', { hasText: name })
      .first()
      .waitFor({ state: 'visible', timeout: 20_000 });
    await this.page.keyboard.press('Enter');
    await this.waitForActiveTab(name);
    await this.focusEditor();
  }

  async waitForActiveTab(name: string): Promise<void> {
    await this.page.locator('.editor-group-container.active .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 20_000 });
  }

  /** Switches to an already open editor by its tab, without reopening the file. */
  async selectTab(name: string): Promise<void> {
    await this.page.locator('.editor-group-container .tab', { hasText: name }).first().click();
    await this.waitForActiveTab(name);
    await this.moveMouseAway();
    await this.focusEditor();
  }

  /** Off the tab just clicked, whose hover would cover the editor in the next screenshot. */
  async moveMouseAway(): Promise<void> {
    const explorer = await this.page.locator('.explorer-folders-view').boundingBox();
    if (explorer) await this.page.mouse.move(explorer.x + explorer.width / 2, explorer.y + explorer.height - 5);
  }

  async focusWorkbench(): Promise<void> {
    await this.page.locator('.monaco-workbench').first().focus().catch(() => undefined);
  }

  /** The editor's focus target is a zero-size element: wait for it attached, not visible. */
  async focusEditor(): Promise<void> {
    const target = this.page.locator(`${ACTIVE_EDITOR} .native-edit-context`).first();
    await target.waitFor({ state: 'attached', timeout: 20_000 });
    await target.focus();
  }

  /** Go to Line (Ctrl+G) — 1-based line and column, as the CLI prints them. */
  async goTo(line: number, column: number): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 10_000 });
    await poll(`the cursor at ${line}:${column}`, 10_000, async () => {
      const status = await this.page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
      return status.includes(`Ln ${line}, Col ${column}`);
    });
  }

  /** Class names of the squiggles drawn on a visible line of the active editor. */
  async squigglesOnLine(line: number): Promise<string[]> {
    return this.page.evaluate(
      ({ selector, line }) => {
        const editor = document.querySelector(selector);
        if (!editor) return [];
        const margin = [...editor.querySelectorAll('.margin-view-overlays > div')].find(
          (div) => div.querySelector('.line-numbers')?.textContent?.trim() === String(line),
        );
        if (!margin) return [];
        const overlay = [...editor.querySelectorAll('.view-overlays > div')].find((div) => div.style.top === margin.style.top);
        if (!overlay) return [];
        return [...overlay.querySelectorAll('[class*="squiggly-"]')].map((e) => e.className);
      },
      { selector: ACTIVE_EDITOR, line },
    );
  }

  async showProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) {
      await this.focusEditor();
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: 10_000 });
    }
  }

  /**
   * Narrows the Problems panel, as a user would with its filter box: its rows are
   * virtualised, so rows scrolled out of the short panel are not in the DOM.
   */
  async filterProblems(text: string): Promise<void> {
    this.problemFilter = text;
    await this.showProblems();
    await this.applyProblemFilter();
  }

  private async applyProblemFilter(): Promise<void> {
    if (!this.problemFilter) return;
    const input = this.page.getByPlaceholder(/^Filter \(e\.g\./).first();
    if ((await input.inputValue()) === this.problemFilter) return;
    if (this.problemFilterApplied) this.filterResets += 1;
    this.problemFilterApplied = true;
    await input.fill(this.problemFilter);
    // The panel applies the filter after a short debounce.
    await this.page.waitForTimeout(400);
  }

  /** The Problems panel rows: the file rows, the problems under them and their related locations. */
  async problemRows(): Promise<ProblemRow[]> {
    await this.showProblems();
    await this.applyProblemFilter();
    return this.page.$$eval('.markers-panel .monaco-list-row', (rows) =>
      rows.map((row) => ({
        level: Number(row.getAttribute('aria-level')),
        text: (row as DomElement).innerText.replace(/\s+/g, ' ').trim(),
        name: (row as DomElement).querySelector('.label-name')?.textContent?.trim() ?? '',
      })),
    );
  }

  /** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its element. */
  async hoverAtCursor(): Promise<Locator> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+K');
    await this.page.keyboard.press('Control+I');
    const hover = this.page.locator('.monaco-hover:not(.hidden)').filter({ has: this.page.locator('.marker') }).first();
    await hover.waitFor({ state: 'visible', timeout: 10_000 });
    return hover;
  }

  /** Waits for the light bulb at the cursor, then opens its menu (Ctrl+.) and returns the entries. */
  async openLightBulbMenu(): Promise<string[]> {
    // Ctrl+. while the TypeScript service is still analysing silently does nothing.
    await this.page.locator(`${ACTIVE_EDITOR} .lightBulbWidget`).first().waitFor({ state: 'visible', timeout: 30_000 });
    await this.focusEditor();
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator('.action-widget .monaco-list-row.action');
    await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  async chooseAction(title: string): Promise<void> {
    const row = this.page.locator('.action-widget .monaco-list-row.action', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 5_000 });
    await row.click();
    await this.page.locator('.action-widget .monaco-list-row.action').first().waitFor({ state: 'hidden', timeout: 5_000 });
  }

  /** Saves an edited file (Ctrl+S): waits for the edit to mark it dirty first, or the save can race it. */
  async save(name: string): Promise<void> {
    const dirty = this.page.locator('.editor-group-container.active .tab.active.dirty', { hasText: name });
    await dirty.waitFor({ state: 'attached', timeout: 10_000 });
    await poll(`${name} saved`, 15_000, async () => {
      await this.focusEditor();
      await this.page.keyboard.press('Control+S');
      await dirty.waitFor({ state: 'detached', timeout: 3_000 });
      return true;
    });
  }

  async replaceAll(text: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+A');
    // Arrives as typed text: the test profile turns auto-closing and auto-indent off, or they would add their own.
    await this.page.keyboard.insertText(text);
  }

  async notifications(): Promise<string[]> {
    return this.page.$$eval('.notifications-toasts .notification-list-item', (items) => items.map((i) => (i as DomElement).innerText.replace(/\s+/g, ' ').trim()));
  }
}
