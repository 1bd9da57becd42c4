// The console works without this script; it only adds copy buttons and search as you type.
'use strict';

document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  navigator.clipboard.writeText(source.textContent.trim()).then(() => {
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = 'Copy'), 2000);
  });
});

for (const input of document.querySelectorAll('input[data-live-search]')) {
  let timer;
  let latest = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const asked = ++latest;
      const url = `${input.dataset.liveSearch}?search=${encodeURIComponent(input.value)}`;
      const response = await fetch(url, { headers: { accept: 'text/html' }, credentials: 'same-origin' });
      // Only the newest answer counts: a slow one must not replace a later search's results.
      if (!response.ok || asked !== latest) return;
      const results = document.getElementById(input.dataset.results);
      if (results) results.outerHTML = await response.text();
    }, 250);
  });
}
