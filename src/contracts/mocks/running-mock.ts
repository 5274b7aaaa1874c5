/** A mock that is serving; `stop` closes it and every connection. */
export interface RunningMock {
  name: string;
  kind: string;
  /** Where clients connect, e.g. http://127.0.0.1:4010 or mqtt://127.0.0.1:1883. */
  url: string;
  /** What it serves, for the endpoint list. */
  detail: string;
  /** Messages published so far (MQTT). */
  published?: () => number;
  /** Messages the AI system published on its own channels, and how many broke the contract (MQTT). */
  received?: () => { messages: number; invalid: number };
  stop(): Promise<void>;
}
