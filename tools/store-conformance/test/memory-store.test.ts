import { MemoryStore } from '@authkit/core';
import { describeStoreConformance } from '../src/index';

// Core's default store runs the same suite as the durable ones.
describeStoreConformance('MemoryStore', () => new MemoryStore());
