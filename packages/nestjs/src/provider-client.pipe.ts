import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import type { AuthKitClient } from '@authkit/core';
import type { Request } from 'express';
import { AuthKitService } from './authkit.service';

/** What the `@ProviderClient` decorator extracts from the request for the pipe. */
export interface ProviderClientRequest {
  providerId: string;
  label?: string;
  request: Request;
}

/**
 * Turns the `@ProviderClient` parameter into the signed client. A pipe (not the decorator
 * itself) because it needs dependency injection and may wait on the store.
 */
@Injectable()
export class ProviderClientPipe implements PipeTransform<ProviderClientRequest, Promise<AuthKitClient>> {
  constructor(@Inject(AuthKitService) private readonly service: AuthKitService) {}

  transform({ request, providerId, label }: ProviderClientRequest): Promise<AuthKitClient> {
    return this.service.client(request, providerId, label);
  }
}
