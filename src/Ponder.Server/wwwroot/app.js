// Ponder's chat page: plain JavaScript over the server's own OpenAI-compatible API (POST /v1/chat/completions,
// streaming). The conversation is kept here and sent whole each turn (answers only; thoughts are not replayed).
"use strict";
const $ = id => document.getElementById(id);
const history = [];
const keyStore = "ponder.apiKey";
$("key").value = localStorage.getItem(keyStore) || "";
$("key").addEventListener("change", () => localStorage.setItem(keyStore, $("key").value));

function headers() {
  const h = { "Content-Type": "application/json" };
  if ($("key").value) h.Authorization = "Bearer " + $("key").value;
  return h;
}

async function loadModels() {
  try {
    const r = await fetch("/v1/models", { headers: headers() });
    const body = await r.json();
    if (!r.ok) throw new Error(body.error?.message || r.statusText);
    $("model").replaceChildren(...body.data.map(m => new Option(`${m.id} (${m.ponder.profile})`, m.id)));
    $("status").textContent = body.data.length ? "" : "no model loaded yet";
  } catch (e) { $("status").textContent = "models: " + e.message; setTimeout(loadModels, 2000); }
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function addUser(text) {
  $("conversation").append(el("div", "msg user", text));
}

function addAssistant() {
  const box = el("div", "msg assistant");
  const thinking = el("details", "thinking");
  thinking.open = true;
  thinking.append(el("summary", "", "Thinking"), el("div", "text"));
  thinking.hidden = true;
  const agents = el("div", "agents");
  agents.hidden = true;
  const answer = el("div", "answer");
  const summary = el("div", "summary");
  const stats = el("div", "stats");
  box.append(thinking, agents, answer, summary, stats);
  $("conversation").append(box);
  return { box, thinking, agents, answer, summary, stats, rows: new Map() };
}

function showAgent(view, p) {
  view.agents.hidden = false;
  let row = view.rows.get(p.agent);
  if (!row) {
    row = { name: el("span", "", "agent " + p.agent), bar: el("div", "bar"), info: el("span") };
    row.fill = el("span");
    row.bar.append(row.fill);
    view.rows.set(p.agent, row);
    view.agents.append(row.name, row.bar, row.info);
  }
  const budget = Number($("budget").value) || 256;
  if (p.tokens !== undefined) row.fill.style.width = Math.min(100, 100 * p.tokens / budget) + "%";
  if (p.state) row.bar.className = "bar " + p.state;
  if (p.state || p.tokens !== undefined)
    row.info.textContent = `${p.state ?? ""} · ${p.tokens ?? 0} tok` + (p.confidence ? ` · conf ${p.confidence.toFixed(2)}` : "");
  if (p.answer_delta) row.name.title = (row.name.title || "") + p.answer_delta;
}

async function send(text) {
  const mode = document.querySelector("input[name=mode]:checked").value;
  history.push({ role: "user", content: text });
  addUser(text);
  const view = addAssistant();
  const started = performance.now();
  let firstToken = null, usage = null, answer = "";
  const body = {
    model: $("model").value, messages: history, stream: true, stream_options: { include_usage: true },
    ponder: { mode, thinking_budget: Number($("budget").value) },
  };
  if (mode === "contemplating") body.ponder.agents = Number($("agents").value);
  $("send").disabled = true;
  try {
    const r = await fetch("/v1/chat/completions", { method: "POST", headers: headers(), body: JSON.stringify(body) });
    if (!r.ok) { const e = await r.json().catch(() => ({})); throw new Error(e.error?.message || `HTTP ${r.status}`); }
    const reader = r.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (!event.startsWith("data: ")) continue;
        const data = event.slice(6);
        if (data === "[DONE]") continue;
        const chunk = JSON.parse(data);
        if (chunk.error) throw new Error(chunk.error.message);
        if (chunk.usage) usage = chunk.usage;
        if (chunk.ponder?.agents) {
          const a = chunk.ponder.agents;
          view.summary.textContent = `${a.run} agents · ${a.agreed} agreed · ${a.stopped_early} stopped early · winner ${(100 * a.winning_share).toFixed(0)}%` + (a.refined ? " · refined" : "");
        }
        for (const c of chunk.choices) {
          const d = c.delta || {};
          if (c.ponder) showAgent(view, c.ponder);
          if (d.reasoning_content) {
            firstToken ??= performance.now();
            view.thinking.hidden = false;
            view.thinking.querySelector(".text").textContent += d.reasoning_content;
          }
          if (d.content) {
            firstToken ??= performance.now();
            answer += d.content;
            view.answer.textContent = answer;
            view.thinking.open = false;
          }
        }
        $("conversation").scrollTop = $("conversation").scrollHeight;
      }
    }
    history.push({ role: "assistant", content: answer });
    const total = performance.now() - started;
    const u = usage || { prompt_tokens: 0, completion_tokens: 0, completion_tokens_details: { reasoning_tokens: 0 } };
    const reasoning = u.completion_tokens_details?.reasoning_tokens ?? 0;
    view.stats.textContent = `${u.prompt_tokens} prompt · ${reasoning} reasoning · ${u.completion_tokens - reasoning} answer tokens · ` +
      `first token ${Math.round((firstToken ?? performance.now()) - started)} ms · total ${Math.round(total)} ms · ` +
      `${(u.completion_tokens / (total / 1000)).toFixed(1)} tok/s`;
    view.stats.dataset.completionTokens = u.completion_tokens;
  } catch (e) {
    history.pop();
    view.answer.classList.add("error");
    view.answer.textContent = "Error: " + e.message;
  } finally {
    $("send").disabled = false;
  }
}

$("ask").addEventListener("submit", e => {
  e.preventDefault();
  const text = $("prompt").value.trim();
  if (!text || $("send").disabled) return;
  $("prompt").value = "";
  send(text);
});
$("prompt").addEventListener("keydown", e => {
  if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("ask").requestSubmit(); }
});
$("reset").addEventListener("click", () => { history.length = 0; $("conversation").replaceChildren(); });
const syncAgents = () => { $("agents").disabled = document.querySelector("input[name=mode]:checked").value !== "contemplating"; };
document.querySelectorAll("input[name=mode]").forEach(r => r.addEventListener("change", syncAgents));
syncAgents();
loadModels();
