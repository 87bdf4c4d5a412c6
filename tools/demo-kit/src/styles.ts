/**
 * The demos' one stylesheet (Express and Nest inline it, Next puts it in its layout). Nothing
 * may be wider than the window: long JSON and tokens wrap instead of scrolling sideways.
 */
export const DEMO_CSS = `
*, *::before, *::after { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
main { max-width: 1100px; margin: 0 auto; padding: 1.2rem 1rem 3rem; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; justify-content: space-between; align-items: center; }
header.top h1 { margin: 0; font-size: 1.5rem; }
code, pre, .value { overflow-wrap: anywhere; word-break: break-word; }
.notice { padding: .7rem .9rem; border-radius: 8px; margin: 1rem 0; }
.notice-success { background: #e6f4ea; border: 1px solid #9ad0a9; }
.notice-error { background: #fde8e8; border: 1px solid #f5b5b5; }
section.system { background: #fff; border: 1px solid #d5d9e0; border-radius: 10px; padding: 1rem 1.2rem; margin: 1rem 0; }
section.system > h2 { margin: 0 0 .2rem; font-size: 1.2rem; }
.blurb { margin: 0 0 .8rem; color: #4a5263; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem; }
@media (max-width: 800px) { .columns { grid-template-columns: minmax(0, 1fr); } }
.card { border: 1px solid #dfe3ea; border-radius: 8px; padding: .7rem .9rem; margin: 0 0 .8rem; background: #fbfcfe; min-width: 0; }
.card-head { display: flex; flex-wrap: wrap; gap: .3rem .6rem; align-items: baseline; }
.method { font-weight: 600; }
.status { padding: .05rem .5rem; border-radius: 999px; font-size: .85rem; }
.tone-ok { background: #e6f4ea; color: #17603a; } .tone-warn { background: #fff4d6; color: #7a5200; } .tone-bad { background: #fde8e8; color: #a3261e; }
ol.timeline { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; padding: .5rem 0 0; margin: .5rem 0; border-top: 2px solid #dfe3ea; }
ol.timeline li { position: relative; padding-left: .9rem; font-size: .88rem; min-width: 0; }
ol.timeline li::before { content: ''; position: absolute; left: 0; top: .45rem; width: .5rem; height: .5rem; border-radius: 50%; background: #7b8494; }
ol.timeline li.tone-expired::before { background: #a3261e; } ol.timeline li.tone-soon::before { background: #d19a00; } ol.timeline li.tone-later::before { background: #17603a; }
.scopes, .meta { font-size: .85rem; color: #4a5263; margin: .2rem 0; }
ol.events { list-style: none; margin: .4rem 0; padding: 0; font-size: .85rem; color: #4a5263; }
ol.events time { font-variant-numeric: tabular-nums; margin-right: .5rem; }
.actions { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin-top: .5rem; }
.actions form { margin: 0; }
a.button, button { display: inline-block; font: inherit; font-size: .9rem; padding: .3rem .75rem; border-radius: 6px; border: 1px solid #9aa4b5; background: #fff; color: #1d2330; text-decoration: none; cursor: pointer; }
a.button.primary, button.primary { background: #2b59c3; border-color: #2b59c3; color: #fff; }
.result { margin-top: .6rem; scroll-margin-top: 1rem; }
.result pre { white-space: pre-wrap; background: #111827; color: #e5e7eb; padding: .6rem; border-radius: 6px; max-height: 20rem; overflow-y: auto; margin: .3rem 0 0; }
.reconnect { margin-top: .6rem; padding: .6rem; border: 1px dashed #f5b5b5; border-radius: 6px; }
form.connect { margin: 0 0 .9rem; }
form.connect h3 { margin: 0 0 .3rem; font-size: 1rem; }
label.field { display: block; margin: .3rem 0; }
label.field input { display: block; width: 100%; max-width: 28rem; font: inherit; padding: .25rem .4rem; }
.hint { display: block; font-size: .8rem; color: #5f6878; }
.demo-credential { font-size: .85rem; background: #eef2fb; border-radius: 6px; padding: .4rem .6rem; margin: .4rem 0; }
.demo-credential code { user-select: all; }
.empty { color: #5f6878; font-style: italic; }
`;
