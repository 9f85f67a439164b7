/** @module widget/style — the widget's CSS, scoped by the `cfb-` prefix. */
export const CSS = `
.cfb-root{position:fixed;right:16px;bottom:16px;z-index:2147483000;font:14px/1.4 system-ui,sans-serif;color:#1d1d1f}
.cfb-root.cfb-page{position:static;max-width:640px;margin:24px auto}
.cfb-launcher{border:0;border-radius:24px;padding:12px 18px;background:#4b3fd1;color:#fff;cursor:pointer;box-shadow:0 2px 8px #0003}
.cfb-panel{display:none;flex-direction:column;width:360px;height:520px;background:#fff;border-radius:12px;box-shadow:0 4px 24px #0003;overflow:hidden}
.cfb-page .cfb-panel{width:auto;height:80vh}
.cfb-open .cfb-panel{display:flex}.cfb-open .cfb-launcher{display:none}
.cfb-head{padding:12px 16px;background:#4b3fd1;color:#fff;font-weight:600;display:flex;justify-content:space-between}
.cfb-close{background:none;border:0;color:#fff;cursor:pointer;font-size:16px}
.cfb-log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px;background:#f6f6f9}
.cfb-msg{max-width:80%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}
.cfb-user{align-self:flex-end;background:#4b3fd1;color:#fff}
.cfb-bot{align-self:flex-start;background:#fff;border:1px solid #e3e3ea}
.cfb-image{max-width:100%;border-radius:8px;display:block;margin-top:4px}
.cfb-buttons{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.cfb-button{border:1px solid #4b3fd1;background:#fff;color:#4b3fd1;border-radius:16px;padding:4px 12px;cursor:pointer}
.cfb-button:disabled{opacity:.5;cursor:default}
.cfb-card{border:1px solid #e3e3ea;border-radius:8px;padding:8px;margin-top:6px}
.cfb-json{margin:0;font:12px/1.3 ui-monospace,monospace;white-space:pre-wrap}
.cfb-typing{align-self:flex-start;color:#888;font-style:italic;display:none}
.cfb-busy .cfb-typing{display:block}
.cfb-form{display:flex;border-top:1px solid #e3e3ea}
.cfb-input{flex:1;border:0;padding:12px;font:inherit;outline:none}
.cfb-send{border:0;background:none;color:#4b3fd1;font-weight:600;padding:0 16px;cursor:pointer}
.cfb-status{font-size:12px;color:#888;text-align:center;padding:2px}
`;
