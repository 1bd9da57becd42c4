import { type FakeHttpServer } from '../shared/fake-http-server.js';

/**
 * Registers a fake's lifecycle in the enclosing describe block: started before its tests, stopped
 * after them, and before each test reset and seeded again, so that no test sees another's state.
 */
export function useFake<Fake extends FakeHttpServer>(fake: Fake, seed: (fake: Fake) => void): Fake {
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.reset();
    seed(fake);
  });
  return fake;
}
