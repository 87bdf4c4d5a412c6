import { defineConfig } from 'tsdown';
import { publishedPackage } from '../../tsdown.shared';

export default defineConfig(publishedPackage());
