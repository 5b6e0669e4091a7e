/**
 * The Markdown a text panel holds, as HTML: paragraphs, headings, lists, indented and fenced
 * code, pipe tables, and inline bold, emphasis, code and links. Enough for what dashboards
 * carry (an SLO's definition and its tier table), not a full CommonMark: everything is
 * escaped first, so the panel's text can never add markup of its own.
 */
import { esc } from './svg.js';

function inline(text: string): string {
  return esc(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');
}

/** The cells of a `| a | b |` row. */
function cells(line: string): string[] {
  return line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

const SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** Renders `source` to HTML. */
export function markdown(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i++;
    } else if (/^```/.test(line)) {
      const code: string[] = [];
      for (i++; i < lines.length && !/^```/.test(lines[i]!); i++) code.push(lines[i]!);
      i++;
      out.push(`<pre><code>${esc(code.join('\n'))}</code></pre>`);
    } else if (/^( {4}|\t)/.test(line)) {
      const code: string[] = [];
      for (; i < lines.length && (/^( {4}|\t)/.test(lines[i]!) || (lines[i]!.trim() === '' && /^( {4}|\t)/.test(lines[i + 1] ?? ''))); i++) code.push(lines[i]!.replace(/^( {4}|\t)/, ''));
      out.push(`<pre><code>${esc(code.join('\n'))}</code></pre>`);
    } else if (line.includes('|') && SEPARATOR.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && lines[i]!.includes('|') && lines[i]!.trim() !== ''; i++) rows.push(cells(lines[i]!));
      out.push(`<table class="md"><thead><tr>${head.map((h) => `<th>${inline(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`);
    } else if (/^#{1,6}\s/.test(line)) {
      const level = /^#+/.exec(line)![0].length;
      out.push(`<h${level + 2 > 6 ? 6 : level + 2}>${inline(line.replace(/^#+\s*/, ''))}</h${level + 2 > 6 ? 6 : level + 2}>`);
      i++;
    } else if (/^\s*([-*+]|\d+\.)\s/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*+]|\d+\.)\s/.test(lines[i]!); i++) items.push(`<li>${inline(lines[i]!.replace(/^\s*([-*+]|\d+\.)\s+/, ''))}</li>`);
      out.push(ordered ? `<ol>${items.join('')}</ol>` : `<ul>${items.join('')}</ul>`);
    } else {
      const para: string[] = [];
      for (; i < lines.length && lines[i]!.trim() !== '' && !/^( {4}|\t|```|#{1,6}\s)/.test(lines[i]!) && !(lines[i]!.includes('|') && SEPARATOR.test(lines[i + 1] ?? '')); i++) para.push(lines[i]!.trim());
      out.push(`<p>${inline(para.join(' '))}</p>`);
    }
  }
  return out.join('\n');
}
