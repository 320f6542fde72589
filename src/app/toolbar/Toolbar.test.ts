import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWith, updateAt } from '../timebar/render.test-util.ts';
import { Toolbar } from './Toolbar.tsx';

const ToolbarShell = () => createElement(Toolbar, { onExport: () => {}, onImport: () => {} });

/** The opening tag of the button whose text or aria-label has `name`. */
function buttonTag(html: string, name: string): string {
  const tags = html.match(/<button[^>]*>(?:(?!<\/button>).)*<\/button>/g) ?? [];
  const tag = tags.find((t) => t.includes(`aria-label="${name}"`) || t.replace(/<span aria-hidden="true">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '').trim() === name);
  if (!tag) throw new Error(`no button ${name}`);
  return tag.slice(0, tag.indexOf('>') + 1);
}

describe('Toolbar time-travel controls', () => {
  const back = ['Step back', 'Back event', 'Back to the previous hypercall', 'Reverse continue'];

  it('offers the four ways back, with their shortcuts, once there is a past', () => {
    const { html } = renderWith(ToolbarShell, updateAt(500, 900));
    for (const name of back) expect(buttonTag(html, name)).not.toContain('disabled');
    expect(buttonTag(html, 'Step back')).toContain('aria-keyshortcuts="Control+F10"');
    expect(buttonTag(html, 'Back event')).toContain('aria-keyshortcuts="Shift+F8"');
    expect(buttonTag(html, 'Back to the previous hypercall')).toContain('aria-keyshortcuts="Control+F8"');
    expect(buttonTag(html, 'Reverse continue')).toContain('aria-keyshortcuts="F9"');
    expect(buttonTag(html, 'Step event')).toContain('aria-keyshortcuts="F8"');
  });

  it('disables them at step 0 and during a search', () => {
    for (const u of [updateAt(0, 900), updateAt(500, 900, { search: { what: 'previous breakpoint', from: 500, searchedFrom: 100, progress: 0.8 } })]) {
      const { html } = renderWith(ToolbarShell, u);
      for (const name of back) expect(buttonTag(html, name)).toContain('disabled');
    }
  });

  it("lists the scenario ABI's hypercalls and any", () => {
    const { html } = renderWith(ToolbarShell, updateAt(5, 9));
    expect(html).toContain('aria-label="Hypercall to go back to"');
    expect(html).toContain('<option value="">any hypercall</option>');
    expect(html).toContain('<option value="HF_MAILBOX_SEND" selected="">HF_MAILBOX_SEND</option>');
    expect(html).toContain('<option value="HF_MAILBOX_WAITER_GET">');
  });

  it('says why the machine stopped, in words', () => {
    const { html } = renderWith(ToolbarShell, updateAt(5, 9, { stop: { kind: 'not_found', what: 'no earlier HF_MAILBOX_SEND' } }));
    expect(html).toMatch(/data-testid="stop"[^>]*>no earlier HF_MAILBOX_SEND</);
    expect(renderWith(ToolbarShell, updateAt(5, 9, { stop: { kind: 'cancelled' } })).html).toContain('search cancelled (the machine did not move)');
  });
});
