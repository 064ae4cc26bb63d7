import { describe, expect, it } from 'vitest';
import { campaignFromSearch } from './campaign.js';

describe('campaignFromSearch', () => {
  it('maps the UTM parameters to Segment campaign fields', () => {
    expect(campaignFromSearch('?utm_campaign=spring%20sale&utm_source=google&utm_medium=cpc&utm_term=crm+tool&utm_content=ad-2'))
      .toEqual({ name: 'spring sale', source: 'google', medium: 'cpc', term: 'crm tool', content: 'ad-2' });
  });

  it('keeps the ad click ids under their own names', () => {
    expect(campaignFromSearch('?gclid=G1&fbclid=F1&msclkid=M1&page=2')).toEqual({ gclid: 'G1', fbclid: 'F1', msclkid: 'M1' });
  });

  it('is undefined when the URL has no campaign parameter, or only empty ones', () => {
    expect(campaignFromSearch('')).toBeUndefined();
    expect(campaignFromSearch('?q=shoes&utm_source=')).toBeUndefined();
  });
});
