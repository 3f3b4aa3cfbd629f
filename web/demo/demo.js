// The demo and example pages' controls: which mode and language the widget on the page shows.
for (const control of document.querySelectorAll('[data-es-control]')) {
  control.addEventListener('change', () => {
    const widget = document.querySelector('export-screen');
    if (control.name === 'mode') widget.setAttribute('mode', control.value);
    if (control.name === 'lang') {
      const tag = control.value === 'zh' ? 'zh-CN' : 'en';
      document.documentElement.lang = tag;
      widget.setAttribute('lang', tag);
    }
  });
}
