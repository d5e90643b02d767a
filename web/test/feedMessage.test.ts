// Live feed frames: good ones pass, anything else is dropped without throwing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseFeedFrame, parseFeedMessage } from "../src/feedMessage";

test("parseFeedMessage_BarFrame_GivesChannelTypeAndData", () => {
  const text = '{"channel":"bars:BTCUSDT:1m","type":"bar_closed","data":{"open_time":1723161240000,"close":61828}}';
  assert.deepEqual(parseFeedMessage(text), { channel: "bars:BTCUSDT:1m", type: "bar_closed", data: { open_time: 1723161240000, close: 61828 } });
});

test("parseFeedMessage_NoData_GivesNull", () => {
  assert.deepEqual(parseFeedMessage('{"channel":"alerts","type":"subscribed"}'), { channel: "alerts", type: "subscribed", data: null });
});

test("parseFeedMessage_BadFrames_AreDropped", () => {
  const frames = [
    "", "not json", "{", '{"channel":"x","type":"y"', "null", "42", '"text"', "[]", '[{"channel":"x","type":"y"}]',
    '{"type":"bar_update"}', '{"channel":"x"}', '{"channel":1,"type":"y"}', '{"channel":"x","type":null}',
    '{"channel":["x"],"type":"y"}', "\u0000\u0001\u0002", "{".repeat(100_000),
  ];
  for (const frame of frames) assert.equal(parseFeedMessage(frame), null, JSON.stringify(frame.slice(0, 40)));
});

test("parseFeedMessage_RandomBytes_NeverThrow", () => {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < 2000; i++) {
    const length = next() % 64;
    let text = "";
    for (let j = 0; j < length; j++) text += String.fromCharCode(next() % 128);
    assert.doesNotThrow(() => parseFeedMessage(text));
  }
});

test("parseFeedMessage_HugeFrame_IsParsed", () => {
  const data = Array.from({ length: 50_000 }, (_, i) => i);
  const message = parseFeedMessage(JSON.stringify({ channel: "c", type: "t", data }));
  assert.equal((message?.data as number[]).length, 50_000);
});

test("parseFeedFrame_SingleMessage_GivesOneMessage", () => {
  const text = '{"channel":"trades:BTCUSDT","type":"trade","data":{"id":7}}';
  assert.deepEqual(parseFeedFrame(text), [{ channel: "trades:BTCUSDT", type: "trade", data: { id: 7 } }]);
});

test("parseFeedFrame_Batch_GivesEveryMessageInOrder", () => {
  const text = '[{"channel":"trades:BTCUSDT","type":"trade","data":{"id":1}},{"channel":"quotes:BTCUSDT","type":"quote","data":{"bid":1}},{"channel":"trades:BTCUSDT","type":"trade","data":{"id":2}}]';
  const messages = parseFeedFrame(text);
  assert.deepEqual(messages.map((m) => m.type), ["trade", "quote", "trade"]);
  assert.deepEqual(messages.map((m) => (m.data as { id?: number }).id), [1, undefined, 2]);
});

test("parseFeedFrame_BatchWithBadElements_KeepsTheGoodOnes", () => {
  const text = '[{"channel":"a","type":"t","data":1},42,null,{"type":"no channel"},[{"channel":"nested","type":"t"}],{"channel":"b","type":"t"}]';
  assert.deepEqual(parseFeedFrame(text), [{ channel: "a", type: "t", data: 1 }, { channel: "b", type: "t", data: null }]);
});

test("parseFeedFrame_BadFrames_GiveNoMessage", () => {
  const frames = ["", "not json", "{", "[", '[{"channel":"x","type":"y"}', "null", "42", '"text"', "[]", '{"type":"bar_update"}'];
  for (const frame of frames) assert.deepEqual(parseFeedFrame(frame), [], JSON.stringify(frame));
});

test("parseFeedFrame_RandomBytes_NeverThrow", () => {
  let seed = 54321;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < 2000; i++) {
    const length = next() % 64;
    let text = i % 2 === 0 ? "[" : "";
    for (let j = 0; j < length; j++) text += String.fromCharCode(next() % 128);
    assert.doesNotThrow(() => parseFeedFrame(text));
  }
});
