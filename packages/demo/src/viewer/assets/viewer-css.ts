/** The viewer's stylesheet, served at /assets/viewer.css (no CDN, no web fonts: the demo works offline). */
export const VIEWER_CSS = `
* { box-sizing: border-box; }
html, body { height: 100%; margin: 0; }
body {
  font: 15px/1.46 -apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", "DejaVu Sans", Arial, sans-serif;
  color: #1d1c1d; background: #f4f4f6; display: flex; flex-direction: column;
}
a { color: #1264a3; text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: 12px/1.5 Menlo, Consolas, "DejaVu Sans Mono", monospace; background: #f6f6f6; border: 1px solid #e0e0e0;
  border-radius: 3px; padding: 1px 3px; color: #c01343; }
pre { font: 12px/1.5 Menlo, Consolas, "DejaVu Sans Mono", monospace; background: #f8f8f8; border: 1px solid #e0e0e0;
  border-radius: 4px; padding: 8px; margin: 4px 0; white-space: pre-wrap; }
blockquote { margin: 2px 0; padding-left: 10px; border-left: 4px solid #ddd; color: #555; }

.top { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; padding: 10px 16px; background: #fff;
  border-bottom: 1px solid #ddd; }
.brand { font-weight: 700; font-size: 17px; }
.brand small { font-weight: 400; color: #666; font-size: 13px; margin-left: 6px; }
.events { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; }
.events span { color: #555; font-size: 13px; }
button { font: inherit; font-size: 13px; border: 1px solid #bbb; background: #fff; border-radius: 4px; padding: 3px 10px;
  cursor: pointer; }
button:hover { background: #f0f0f0; }
button.primary { background: #007a5a; border-color: #007a5a; color: #fff; }
button.primary:hover { background: #148567; }
/* Five whole lines; no bottom padding, where a sixth would peek through. */
.activity { padding: 6px 16px 0; background: #fafafa; border-bottom: 1px solid #ddd; font-size: 12.5px; line-height: 17px;
  color: #444; max-height: calc(5 * 17px + 6px); overflow: auto; }
.activity ul { margin: 0; padding: 0; list-style: none; }
.activity li.fail { color: #b00020; }
.activity b { font-weight: 600; }

.platforms { flex: 1; display: grid; grid-template-columns: 1fr 1fr; gap: 12px; padding: 12px; min-height: 0; }
@media (max-width: 1100px) { .platforms { grid-template-columns: 1fr; } }
.platform { display: flex; min-height: 480px; border-radius: 8px; overflow: hidden; background: #fff;
  box-shadow: 0 1px 3px rgba(0,0,0,.15); }
.sidebar { width: 190px; flex: none; padding: 12px 0; color: #fff; }
.slack .sidebar { background: #3f0e40; }
.mattermost .sidebar { background: #1e325c; }
.workspace { font-weight: 700; font-size: 16px; padding: 0 14px; }
.product { font-size: 12px; opacity: .7; padding: 0 14px 12px; }
.sidebar .label { font-size: 12px; opacity: .7; padding: 6px 14px; }
.channels { list-style: none; margin: 0; padding: 0; }
.channels a { display: flex; justify-content: space-between; color: rgba(255,255,255,.8); padding: 3px 14px; }
.channels a:hover { background: rgba(255,255,255,.1); text-decoration: none; }
.slack .channels a.selected { background: #1164a3; color: #fff; }
.mattermost .channels a.selected { background: rgba(255,255,255,.16); color: #fff; border-left: 3px solid #5d89ea; }
.channels .count { font-size: 11px; background: rgba(255,255,255,.2); border-radius: 9px; padding: 0 6px; }
.channels a.unread { color: #fff; font-weight: 700; }

.pane { flex: 1; display: flex; flex-direction: column; min-width: 0; }
.pane-header { padding: 10px 16px; border-bottom: 1px solid #e5e5e5; font-weight: 700; }
.pane-header small { font-weight: 400; color: #777; margin-left: 8px; }
.messages { flex: 1; overflow-y: auto; padding: 8px 0; max-height: calc(100vh - 260px); min-height: 300px; }
.empty { color: #888; padding: 16px; font-size: 14px; }
.composer { display: flex; gap: 6px; margin: 8px 12px 2px; border: 1px solid #bbb; border-radius: 6px; padding: 6px; }
.composer input { flex: 1; border: 0; outline: 0; font: inherit; }
.hint { font-size: 11.5px; color: #777; margin: 2px 14px 10px; }

.msg { display: flex; gap: 8px; padding: 6px 16px; }
.msg:hover { background: #f8f8f8; }
.avatar { width: 36px; height: 36px; flex: none; border-radius: 4px; background: #8d6e63; color: #fff; display: flex;
  align-items: center; justify-content: center; font-weight: 700; }
.avatar.bot { background: #e24329; }
.mattermost .avatar { border-radius: 50%; }
.content { min-width: 0; flex: 1; }
.meta { display: flex; align-items: baseline; gap: 6px; }
.author { font-weight: 700; }
.badge { font-size: 10px; font-weight: 600; color: #555; background: #e8e8e8; border-radius: 3px; padding: 0 4px; }
.meta time { font-size: 12px; color: #616061; }
.text { word-wrap: break-word; }
.mention { background: rgba(29,155,209,.1); color: #1264a3; border-radius: 3px; padding: 0 2px; }
.edited { font-size: 12px; color: #868686; margin-left: 2px; }
.ephemeral { background: #f4f8fb; }
.only-you { font-size: 12px; color: #616061; margin-top: 2px; }
.command .text code { color: #1d1c1d; }

.att-pretext { margin-top: 4px; }
.att { border-left: 4px solid #ddd; border-radius: 4px 0 0 4px; padding: 2px 0 2px 12px; margin: 6px 0 2px; }
.mattermost .att { border: 1px solid #ddd; border-left-width: 4px; border-radius: 4px; padding: 8px 12px; }
.att-author { font-size: 13px; font-weight: 700; color: #444; }
.att-author a { color: #444; }
.att-title { font-weight: 700; }
.att-fields { display: flex; flex-wrap: wrap; margin-top: 4px; }
.att-field { width: 100%; padding: 2px 8px 4px 0; }
.att-field.short { width: 50%; }
.att-field-title { font-weight: 700; font-size: 13px; }
.att-field-value { font-size: 14px; }
.att-footer { font-size: 12px; color: #616061; margin-top: 4px; }
.blk-header { font-weight: 700; font-size: 17px; }
.blk-context { font-size: 12px; color: #616061; }
.blk-divider { border: 0; border-top: 1px solid #ddd; }
.blk-button { display: inline-block; border: 1px solid #bbb; border-radius: 4px; padding: 2px 10px; font-weight: 700; color: #1d1c1d; }
.md-heading { font-size: 16px; }

.thread { margin-top: 6px; border-left: 2px solid #e1e1e1; padding-left: 4px; }
.thread .msg { padding: 4px 8px; }
.thread .avatar { width: 24px; height: 24px; font-size: 12px; }
.thread-count { font-size: 12px; font-weight: 700; color: #1264a3; padding: 0 8px; }
`;
