// Turns a finding's citation text into text and links to the regulation it cites: eCFR for CFR
// sections, parts and supplements, the Federal Register for "84 FR 22963" notices. Links are
// built only from the digits the pattern captured, never from other citation text.

const PATTERNS = [
  // 15 CFR 744.11, 15 CFR 764.3(a)(2), 22 CFR 127.7
  {
    re: /\b(\d{1,2}) CFR (?:§\s*)?(\d{1,4})\.(\d{1,4}[a-z]?)((?:\([a-z0-9]{1,4}\))*)/y,
    href: (m) =>
      `https://www.ecfr.gov/current/title-${m[1]}/section-${m[2]}.${m[3]}${m[4] ? `#p-${m[2]}.${m[3]}${m[4]}` : ''}`,
  },
  // 31 CFR Part 589
  {
    re: /\b(\d{1,2}) CFR [Pp]art (\d{1,4})\b/y,
    href: (m) => `https://www.ecfr.gov/current/title-${m[1]}/part-${m[2]}`,
  },
  // 31 CFR Chapter V
  {
    re: /\b(\d{1,2}) CFR [Cc]hapter ([IVXL]{1,6})\b/y,
    href: (m) => `https://www.ecfr.gov/current/title-${m[1]}/chapter-${m[2]}`,
  },
  // Supplement No. 4 to Part 744: parts 730-774 are the EAR, title 15 (other titles are left as text).
  {
    re: /\bSupp(?:lement|\.) No\. (\d{1,2}) to Part (7[3-7]\d)\b/y,
    href: (m) =>
      `https://www.ecfr.gov/current/title-15/part-${m[2]}/appendix-Supplement%20No.%20${m[1]}%20to%20Part%20${m[2]}`,
  },
  // 84 FR 22963
  {
    re: /\b(\d{1,3}) FR (\d{1,6})\b/y,
    href: (m) => `https://www.federalregister.gov/citation/${m[1]}-FR-${m[2]}`,
  },
];

// Every pattern at once, at a word start only (so "115 FR" is never read as "15 FR"): the regex
// engine scans the text in one pass, and where several patterns match at one place the first in
// PATTERNS wins, as the alternation tries them in order. A loop in JavaScript over every
// character took a fifth of the page's last step to a first result, from the worker's answer to
// the result shown (docs/benchmarks.md, time to first result).
const ANY = new RegExp(`(?<![0-9A-Za-z])(?:${PATTERNS.map(({ re }) => re.source).join('|')})`, 'g');

/**
 * Splits `text` into plain strings and {text, href} links, in order.
 * @param {string} text
 * @returns {Array<string|{text: string, href: string}>}
 */
export function citationParts(text) {
  const parts = [];
  let done = 0;
  for (const { index } of text.matchAll(ANY)) {
    // The same place again with the pattern that matched there, for its groups.
    for (const { re, href } of PATTERNS) {
      re.lastIndex = index;
      const m = re.exec(text);
      if (!m) continue;
      if (index > done) parts.push(text.slice(done, index));
      parts.push({ text: m[0], href: href(m) });
      done = index + m[0].length;
      break;
    }
  }
  if (done < text.length) parts.push(text.slice(done));
  return parts;
}
