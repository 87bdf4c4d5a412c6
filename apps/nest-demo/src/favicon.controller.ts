import { Controller, Get, Header } from '@nestjs/common';
import { FAVICON_SVG, FAVICON_TYPE } from '@authkit/demo-kit';

/** The demos' icon, so browsers log no 404 for it. */
@Controller()
export class FaviconController {
  @Get(['favicon.svg', 'favicon.ico'])
  @Header('content-type', FAVICON_TYPE)
  @Header('cache-control', 'public, max-age=86400')
  icon(): string {
    return FAVICON_SVG;
  }
}
