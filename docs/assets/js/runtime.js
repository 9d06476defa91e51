// The page's handle on the Pyodide worker: start it, call calculator functions, cancel, and
// tell every widget on the page the runtime's state. One worker per tab, kept across
// Material's instant navigation, created only on pages that hold a calculator.
const LOAD_TIMEOUT_MS = 90_000;

export class Runtime {
  constructor() {
    this.listeners = new Set();
    this.pending = new Map();
    this.nextId = 1;
    this.worker = null;
    this.state = { state: "idle", message: "Not started", step: 0, steps: 3 };
  }

  onStatus(listener) {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  setState(state) {
    this.state = state;
    clearTimeout(this.watchdog);
    if (state.state === "loading") {
      this.watchdog = setTimeout(() => this.fail("the Python runtime took too long to load"), LOAD_TIMEOUT_MS);
    }
    for (const listener of this.listeners) listener(state);
  }

  start() {
    if (this.worker) return;
    this.worker = new Worker(new URL("./pyodide-worker.mjs", import.meta.url), { type: "module" });
    this.worker.onmessage = ({ data }) => {
      if (data.type === "status") {
        this.setState(data);
        if (data.state === "failed") this.rejectAll(data.message);
      } else if (data.type === "result") {
        const call = this.pending.get(data.id);
        this.pending.delete(data.id);
        call?.resolve(data);
      }
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(event.message || "the calculator worker could not start");
    };
    this.setState({ state: "loading", message: "Starting", step: 0, steps: 3 });
    this.worker.postMessage({ type: "start" });
  }

  fail(message) {
    this.worker?.terminate();
    this.worker = null;
    this.setState({ state: "failed", message, step: 0, steps: 3 });
    this.rejectAll(message);
  }

  rejectAll(message) {
    for (const call of this.pending.values()) call.reject(new Error(message));
    this.pending.clear();
  }

  retry() {
    this.worker?.terminate();
    this.worker = null;
    this.start();
  }

  /** Call `module:function` with keyword arguments; resolves to {result} or {error, line, column}. */
  call(call, kwargs) {
    this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ type: "call", id, call, kwargs });
    });
  }

  /** Stop a running call at once: the worker is replaced and Python restarts in the background. */
  cancel() {
    this.worker?.terminate();
    this.worker = null;
    for (const call of this.pending.values()) call.reject(new DOMException("Cancelled", "AbortError"));
    this.pending.clear();
    this.start();
  }
}

export const runtime = new Runtime();
