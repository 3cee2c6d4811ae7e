import * as assert from 'node:assert/strict';
import { createTalkIndex, searchPersons, searchTalks } from '../../src/core/schedule/search';
import { schedule } from './scheduleFixtures';

describe('schedule: search', () => {
  const s = () => schedule('fosdem-2025-schedule.xml');

  it('finds a talk by a speaker prefix while typing, best first', () => {
    assert.equal(searchTalks(s(), 'roman kha')[0].talk.id, '5388');
    assert.equal(searchTalks(s(), 'khavronenko roman')[0].talk.id, '5388'); // word order
    assert.equal(searchTalks(s(), 'HOW TO MONITOR THE MONITORING')[0].talk.id, '5388'); // case
    assert.equal(searchTalks(s(), 'monitor monitoring chavanne')[0].talk.id, '5388'); // room
  });

  it('is accent-tolerant and searches track, day and time', () => {
    const gomez = searchTalks(s(), 'josé gómez')[0].talk;
    assert.ok(gomez.persons.some(p => p.name === 'Jose Gomez-Selles'));
    const sunday = searchTalks(s(), 'sunday 15:50 monitoring', 100).map(m => m.talk);
    assert.ok(sunday.length > 0 && sunday.every(t => t.day === '2025-02-02'));
    assert.equal(sunday[0].id, '5388');
    assert.ok(searchTalks(s(), 'observability', 200).some(m => m.talk.track === 'Monitoring and Observability'));
  });

  it('empty query lists talks chronologically; nonsense finds nothing; a small typo is forgiven', () => {
    const all = searchTalks(s(), '', 5000);
    assert.equal(all.length, s().events.length);
    assert.ok(all.every((m, i) => i === 0 || (all[i - 1].talk.day + all[i - 1].talk.start) <= (m.talk.day + m.talk.start)));
    assert.deepEqual(searchTalks(s(), 'zzqqxx'), []);
    assert.equal(searchTalks(s(), 'khavronenka')[0]?.talk.id, '5388');
  });

  it('searches persons', () => {
    assert.equal(searchPersons(s(), 'michaël marc')[0]?.person.slug ?? 'none', searchPersons(s(), 'michael marc')[0]?.person.slug ?? 'none');
    assert.equal(searchPersons(s(), 'gomez sel')[0].person.slug, 'jose_gomez-selles');
  });

  it('builds the index once per schedule, and every keystroke of a name finds talks (its speed is a figure of npm run bench)', () => {
    assert.equal(createTalkIndex(s()), createTalkIndex(s()));
    const query = 'roman kha';
    for (let i = 1; i <= query.length; i++) assert.ok(searchTalks(s(), query.slice(0, i)).length, query.slice(0, i));
    assert.equal(searchTalks(s(), query)[0].talk.id, '5388');
  });
});
