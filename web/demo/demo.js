// The demo and example pages' controls: which mode and language the widget on the page shows.
// The page's own text follows the language too: each text is written in both, as
// <span data-lang="en">…</span><span data-lang="zh-CN" hidden>…</span>, and the page's title in
// <html data-title-zh-cn="…">, so that a page whose lang is zh-CN holds no English prose (a screen
// reader reads the page in the language its lang names).
const titles = { en: document.title, 'zh-CN': document.documentElement.dataset.titleZhCn };

function showLanguage(tag) {
  document.documentElement.lang = tag;
  if (titles[tag]) document.title = titles[tag];
  for (const el of document.querySelectorAll('[data-lang]')) el.hidden = el.dataset.lang !== tag;
  document.querySelector('export-screen')?.setAttribute('lang', tag);
}

function apply(control) {
  if (control.name === 'mode')
    document.querySelector('export-screen')?.setAttribute('mode', control.value);
  if (control.name === 'lang') showLanguage(control.value === 'zh' ? 'zh-CN' : 'en');
}

for (const control of document.querySelectorAll('[data-es-control]')) {
  control.addEventListener('change', () => apply(control));
  // A choice the browser restored (back, reload) is shown at once.
  if (control.checked && !control.defaultChecked) apply(control);
}
