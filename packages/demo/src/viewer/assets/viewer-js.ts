/**
 * The viewer's only script, served at /assets/viewer.js: it polls for changes, swaps in the
 * server-rendered HTML, switches channels, and posts the buttons' events and the command boxes'
 * commands. Every POST carries `x-demo: 1`, which the server requires (a cross-site page cannot
 * send it without a preflight the server never grants).
 */
export const VIEWER_JS = `
(() => {
  'use strict';
  const panels = Array.from(document.querySelectorAll('.platform'));
  let version = document.body.dataset.version || '';
  let busy = false;
  const seen = {};

  const selection = () => {
    const query = new URLSearchParams();
    for (const panel of panels) query.set(panel.dataset.platform, panel.dataset.channel);
    return query;
  };

  const localTimes = (root) => {
    for (const time of root.querySelectorAll('time[data-at]'))
      time.textContent = new Date(Number(time.dataset.at)).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  };

  const markUnread = (panel) => {
    for (const link of panel.querySelectorAll('.channels a')) {
      const key = panel.dataset.platform + ':' + link.dataset.channel;
      const count = Number(link.dataset.count || 0);
      if (link.dataset.channel === panel.dataset.channel) seen[key] = count;
      if (seen[key] === undefined) seen[key] = count;
      link.classList.toggle('unread', count > seen[key]);
    }
  };

  const post = (url, body) =>
    fetch(url, {
      method: 'POST',
      headers: Object.assign({ 'x-demo': '1' }, body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const refresh = async (force) => {
    if (busy) return;
    busy = true;
    try {
      if (!force) {
        const current = await (await fetch('/api/version')).json();
        if (current.version === version) return;
      }
      const data = await (await fetch('/fragments?' + selection())).json();
      version = data.version;
      document.getElementById('activity').innerHTML = data.activity;
      for (const panel of panels) {
        const fragment = data[panel.dataset.platform];
        const box = panel.querySelector('.messages');
        const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
        panel.querySelector('[data-fragment=sidebar]').innerHTML = fragment.sidebar;
        panel.querySelector('[data-fragment=header]').innerHTML = fragment.header;
        box.innerHTML = fragment.messages;
        if (atBottom || force) box.scrollTop = box.scrollHeight;
        markUnread(panel);
      }
      localTimes(document);
    } catch (error) {
      console.warn('viewer refresh failed', error);
    } finally {
      busy = false;
    }
  };

  for (const panel of panels) {
    panel.querySelector('.channels').addEventListener('click', (event) => {
      const link = event.target.closest('a[data-channel]');
      if (!link) return;
      event.preventDefault();
      panel.dataset.channel = link.dataset.channel;
      history.replaceState(null, '', '?' + selection());
      void refresh(true);
    });
    panel.querySelector('.composer').addEventListener('submit', async (event) => {
      event.preventDefault();
      const input = event.target.elements.text;
      const text = input.value.trim();
      if (text === '') return;
      input.value = '';
      await post('/api/command', { platform: panel.dataset.platform, channel: panel.dataset.channel, text });
      void refresh(true);
    });
    panel.querySelector('.messages').scrollTop = 1e9;
    markUnread(panel);
  }

  document.querySelector('.events').addEventListener('click', async (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    button.disabled = true;
    try {
      await post(button.dataset.replay !== undefined ? '/api/replay' : '/api/events/' + encodeURIComponent(button.dataset.event));
    } finally {
      button.disabled = false;
    }
    void refresh(true);
  });

  localTimes(document);
  setInterval(() => void refresh(false), 700);
})();
`;
