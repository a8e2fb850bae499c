#!/usr/bin/perl
# Perl Sisimai (Debian's libsisimai-perl) over the given files, in this one process:
# Sisimai->make on each file's contents (Sisimai->rise in version 5), and prints how many
# files it read and how many bounce records it made. scripts/bench.sh times the process.
use strict;
use warnings;
use Sisimai;

my ($files, $records) = (0, 0);
my $make = Sisimai->can('rise') ? 'rise' : 'make';
for my $path (@ARGV) {
    open(my $fh, '<:raw', $path) or die "$path: $!";
    local $/;
    my $text = <$fh>;
    close $fh;
    my $found = Sisimai->$make(\$text);
    $records += scalar @{ $found || [] };
    $files++;
}
print "sisimai $Sisimai::VERSION: $files files, $records records\n";
